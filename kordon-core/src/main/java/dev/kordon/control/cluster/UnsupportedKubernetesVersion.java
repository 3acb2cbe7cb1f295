package dev.kordon.control.cluster;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes component runs a minor whose upstream patch series has ended: the API server (the
 * {@code ServerVersion} object a cluster scan adds from {@code /version}) and every Node's kubelet
 * ({@code status.nodeInfo.kubeletVersion}), which is judged on its own because nodes are upgraded
 * after the control plane and lag behind it.
 */
public final class UnsupportedKubernetesVersion implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("status", "gitVersion");

  static final JsonPointer KUBELET = JsonPointer.of("status", "nodeInfo", "kubeletVersion");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0106")
          .title("Kubernetes version out of upstream support")
          .severity(Severity.MEDIUM)
          .description(
              "Upstream patches only the three newest minor releases, each for about fourteen"
                  + " months. After that, new CVEs in the API server, kubelet and controllers stay"
                  + " open unless a vendor backports them.")
          .remediation(
              "Upgrade the control plane, then the nodes, to a supported minor release (or confirm"
                  + " that your vendor still supports this one and record an exception).")
          .kinds("ServerVersion", "Node")
          .refs("mitre:T1068")
          .peers("kubescape:C-0273")
          .build();

  private final KubernetesReleases releases;
  private final LocalDate today;

  public UnsupportedKubernetesVersion(KubernetesReleases releases, LocalDate today) {
    this.releases = releases;
    this.today = today;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    boolean node = object.kind().equals("Node");
    JsonPointer field = node ? KUBELET : FIELD;
    String git = object.text(field).orElse("");
    Optional<KubernetesReleases.Minor> minor = KubernetesReleases.parse(git);
    if (minor.isEmpty()) {
      return List.of();
    }
    Optional<LocalDate> eol = releases.endOfLife(minor.get());
    if (eol.isEmpty() || !eol.get().isBefore(today)) {
      return List.of();
    }
    String since = eol.get().equals(LocalDate.MIN) ? "long ago" : "on " + eol.get();
    String who =
        node ? "the kubelet of node \"" + object.name() + "\" runs " : "the API server runs ";
    return List.of(
        INFO.finding(
            object,
            field,
            who + git + "; upstream support for " + minor.get() + " ended " + since));
  }
}
