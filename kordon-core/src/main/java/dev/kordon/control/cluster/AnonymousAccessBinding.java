package dev.kordon.control.cluster;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/** A binding gives rights to {@code system:anonymous} or {@code system:unauthenticated}. */
public final class AnonymousAccessBinding implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0101")
          .title("Binding grants rights to unauthenticated users")
          .severity(Severity.HIGH)
          .description(
              "Anyone who can reach the API server is system:anonymous in group"
                  + " system:unauthenticated. A binding to either gives its rights to the whole"
                  + " network, without any credential.")
          .remediation(
              "Remove system:anonymous and system:unauthenticated from the binding; bind the role"
                  + " to the authenticated identities that need it.")
          .kinds("ClusterRoleBinding", "RoleBinding")
          .refs("nsa:rbac", "mitre:T1078")
          .peers("kubescape:C-0262", "trivy:KSV-0122")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject binding, Snapshot snapshot) {
    if (upstreamDefault(binding)) {
      return List.of();
    }
    String role =
        binding.raw().path("roleRef").path("kind").asString("")
            + " \""
            + binding.raw().path("roleRef").path("name").asString("")
            + "\"";
    List<Finding> out = new ArrayList<>();
    for (RbacSubjects.Subject s : RbacSubjects.of(binding)) {
      boolean anonymous = s.kind().equals("User") && s.name().equals("system:anonymous");
      boolean unauthenticated =
          s.kind().equals("Group") && s.name().equals("system:unauthenticated");
      if (anonymous || unauthenticated) {
        out.add(INFO.finding(binding, s.pointer(), s.describe() + " is bound to " + role));
      }
    }
    return out;
  }

  /**
   * The two bindings upstream ships on purpose: health and version endpoints for everyone, and
   * kubeadm's cluster-info ConfigMap for joining nodes.
   */
  private static boolean upstreamDefault(KubeObject binding) {
    String role = binding.raw().path("roleRef").path("name").asString("");
    if (binding.kind().equals("ClusterRoleBinding")) {
      return role.equals("system:public-info-viewer");
    }
    return binding.namespace().equals("kube-public")
        && role.equals("kubeadm:bootstrap-signer-clusterinfo");
  }
}
