package dev.kordon.control.rbac;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ControlScope;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.rbac.Binding;
import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.RiskCatalog;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A binding entry holds a high or critical risk of the RBAC risk catalog (the same holdings {@code
 * kordon rbac risks} lists), and its subject is not a built-in identity. Entries that hold every
 * verb on every resource are KOR-0100's: they hold every other risk too.
 */
public final class BindingGrantsRiskyPermission implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0152")
          .title("Binding grants a risky permission")
          .severity(Severity.HIGH)
          .description(
              "The binding gives its subject a high or critical permission of Kordon's RBAC risk"
                  + " catalog: reading Secrets, issuing tokens, creating workloads cluster-wide,"
                  + " exec into pods, bind, escalate, impersonate, nodes/proxy, approving"
                  + " certificates, changing admission webhooks. Each leads to other identities'"
                  + " rights, or to a node.")
          .remediation(
              "Bind a role without the risky permission, narrow it with resourceNames or a"
                  + " RoleBinding, or remove the subject from this binding.")
          .kinds("ClusterRoleBinding", "RoleBinding")
          .refs("cis:5.1.2", "cis:5.1.4", "cis:5.1.8", "mitre:T1078", "mitre:T1528")
          // Reads the roles and aggregation of the whole snapshot: kept out of the webhook.
          .scope(ControlScope.OBJECT_IN_SNAPSHOT)
          .build();

  private final RiskCatalog catalog;

  public BindingGrantsRiskyPermission(RiskCatalog catalog) {
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
      if (held.stream().anyMatch(RiskCatalog.Holding::adminEquivalent)) {
        continue; // KOR-0100 reports this entry
      }
      Binding.Entry entry = held.get(0).access().grant().entry();
      out.add(INFO.finding(object, entry.namePointer(), message(held)));
    }
    return out;
  }

  /**
   * {@code Group "ops" holds secrets-read-cluster (critical, cluster-wide), pod-exec-cluster (high,
   * cluster-wide) through ClusterRole "debug"}: the risk ids of {@code kordon rbac risks}.
   */
  private static String message(List<RiskCatalog.Holding> held) {
    RiskCatalog.Holding first = held.get(0);
    Set<String> risks = new LinkedHashSet<>();
    for (RiskCatalog.Holding h : held) {
      risks.add(
          h.risk().id()
              + " ("
              + h.risk().severity().word()
              + ", "
              + (h.namespace().isEmpty() ? "cluster-wide" : "in " + h.namespace())
              + ")");
    }
    return first.subject().quoted()
        + first.subject().audience().map(a -> " (" + a + ")").orElse("")
        + " holds "
        + String.join(", ", risks)
        + " through "
        + first.access().grant().role().kind()
        + " \""
        + first.access().grant().role().name()
        + "\"";
  }
}
