package dev.kordon.control.cluster;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.rbac.Binding;
import dev.kordon.rbac.BootstrapRoles;
import dev.kordon.rbac.Grant;
import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.Role;
import dev.kordon.rbac.Subject;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A binding gives rights to {@code system:anonymous} or {@code system:unauthenticated}, other than
 * the defaults the API server and kubeadm create, which are recognised by the role's content.
 */
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
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    RbacGraph graph = RbacGraph.of(snapshot);
    Optional<Binding> found = graph.binding(object);
    if (found.isEmpty()) {
      return List.of();
    }
    Binding binding = found.get();
    Optional<Role> role = graph.role(binding);
    String roleText = binding.roleKind() + " \"" + binding.roleName() + "\"";
    List<Finding> out = new ArrayList<>();
    for (Binding.Entry e : binding.subjects()) {
      if (e.subject().reach() != Subject.Reach.ANYONE) {
        continue;
      }
      if (role.isPresent() && BootstrapRoles.isDefaultGrant(new Grant(binding, e, role.get()))) {
        continue; // /healthz and /version for everyone, kubeadm's cluster-info: by design
      }
      out.add(
          INFO.finding(
              object,
              e.namePointer(),
              e.subject().quoted()
                  + " is bound to "
                  + roleText
                  + (role.isPresent()
                      ? ""
                      : ", which does not exist: whoever creates it decides what anyone may do")));
    }
    return out;
  }
}
