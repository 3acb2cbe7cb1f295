package dev.kordon.control.cluster;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.rbac.Binding;
import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.RiskCatalog;
import dev.kordon.rbac.Role;
import dev.kordon.rbac.Subject;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A binding entry holds every verb on every resource, cluster-wide or in a namespace (the risks
 * {@code cluster-admin-equivalent} and {@code namespace-admin-equivalent} of the RBAC risk
 * catalog), and its subject is not a built-in identity. Decided by the RBAC analyzer: the role's
 * effective rules (aggregation, bootstrap roles standing in when missing), never its name.
 */
public final class ClusterAdminGranted implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0100")
          .title("Cluster-admin granted outside system identities")
          .severity(Severity.HIGH)
          .description(
              "cluster-admin, or any role allowing every verb on every resource, lets its holder"
                  + " read every Secret, run anything on any node and grant itself more. Outside"
                  + " the built-in system: identities it should be held by nobody day to day;"
                  + " bound to a broad group such as system:authenticated it is held by everyone.")
          .remediation(
              "Bind a role that grants only the verbs and resources the subject needs, and remove"
                  + " the subject from this binding.")
          .kinds("ClusterRoleBinding", "RoleBinding")
          .refs("cis:5.1.1", "nsa:rbac", "mitre:T1078")
          .peers("kubescape:C-0185", "kubescape:C-0035", "trivy:KSV-0111")
          .build();

  private final RiskCatalog catalog;

  public ClusterAdminGranted(RiskCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    Optional<Binding> binding = RbacGraph.of(snapshot).binding(object);
    if (binding.isEmpty()) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    for (List<RiskCatalog.Holding> held :
        catalog.holdings(snapshot).reportedByEntry(binding.get()).values()) {
      held.stream()
          .filter(RiskCatalog.Holding::adminEquivalent)
          .findFirst()
          .ifPresent(
              h ->
                  out.add(
                      INFO.finding(object, h.access().grant().entry().namePointer(), message(h))));
    }
    return out;
  }

  private static String message(RiskCatalog.Holding h) {
    Subject subject = h.subject();
    Role role = h.access().grant().role();
    String what = role.kind() + " \"" + role.name() + "\"";
    if (!(role.isClusterRole() && role.name().equals("cluster-admin"))) {
      what += " (every verb on every resource)";
    }
    String scope =
        h.namespace().isEmpty() ? " cluster-wide" : " in namespace \"" + h.namespace() + "\"";
    return subject.quoted()
        + " is granted "
        + what
        + scope
        + subject.audience().map(a -> ": that is " + a).orElse("");
  }
}
