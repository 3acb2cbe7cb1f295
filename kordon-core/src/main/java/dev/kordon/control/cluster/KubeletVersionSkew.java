package dev.kordon.control.cluster;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.SnapshotControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's kubelet is newer than the API server, or older than the skew policy allows. Needs the
 * {@code ServerVersion} object of a cluster scan and the nodes.
 */
public final class KubeletVersionSkew implements SnapshotControl {

  static final JsonPointer FIELD = JsonPointer.of("status", "nodeInfo", "kubeletVersion");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0107")
          .title("Kubelet version outside the supported skew")
          .severity(Severity.MEDIUM)
          .description(
              "A kubelet newer than kube-apiserver, or more minors behind it than the skew policy"
                  + " allows, is untested against it: security features such as the Node"
                  + " authorizer's restrictions or bound tokens may not apply as expected, and"
                  + " an old kubelet misses its own security fixes.")
          .remediation(
              "Upgrade the control plane before the nodes, and keep every kubelet within the"
                  + " supported number of minors behind it.")
          .kinds("Node", "ServerVersion")
          .refs("mitre:T1068")
          .build();

  private final KubernetesReleases releases;

  public KubeletVersionSkew(KubernetesReleases releases) {
    this.releases = releases;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(Snapshot snapshot) {
    List<KubeObject> versions = snapshot.ofKind("ServerVersion");
    if (versions.isEmpty()) {
      return List.of();
    }
    String serverGit = versions.get(0).text(UnsupportedKubernetesVersion.FIELD).orElse("");
    Optional<KubernetesReleases.Minor> server = KubernetesReleases.parse(serverGit);
    if (server.isEmpty()) {
      return List.of();
    }
    int maxOlder = releases.kubeletMaxOlder(server.get());
    List<Finding> out = new ArrayList<>();
    for (KubeObject node : snapshot.ofKind("Node")) {
      String git = node.text(FIELD).orElse("");
      Optional<KubernetesReleases.Minor> kubelet = KubernetesReleases.parse(git);
      if (kubelet.isEmpty() || kubelet.get().major() != server.get().major()) {
        continue;
      }
      int behind = server.get().minor() - kubelet.get().minor();
      if (behind < 0) {
        out.add(
            INFO.finding(
                node,
                FIELD,
                "kubelet "
                    + git
                    + " on node \""
                    + node.name()
                    + "\" is newer than the API server "
                    + serverGit));
      } else if (behind > maxOlder) {
        out.add(
            INFO.finding(
                node,
                FIELD,
                "kubelet "
                    + git
                    + " on node \""
                    + node.name()
                    + "\" is "
                    + behind
                    + " minors behind the API server "
                    + serverGit
                    + " (at most "
                    + maxOlder
                    + " allowed)"));
      }
    }
    return out;
  }

  @Override
  public int evaluated(Snapshot snapshot) {
    return snapshot.ofKind("ServerVersion").isEmpty() ? 0 : snapshot.ofKind("Node").size();
  }
}
