package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.SnapshotControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.netpol.Coverage;
import dev.kordon.netpol.Direction;
import dev.kordon.netpol.Policy;
import dev.kordon.netpol.PolicyModel;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A namespace that uses NetworkPolicies but has no default deny for ingress: every pod that no
 * policy happens to select (a new workload, a relabelled pod) accepts connections from anywhere.
 * Namespaces with no policy at all are KOR-0180's.
 */
public final class NamespaceWithoutDefaultDenyIngress implements SnapshotControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0181")
          .title("Namespace without a default-deny ingress policy")
          .severity(Severity.LOW)
          .description(
              "The namespace has NetworkPolicies, but none selects every pod for ingress without"
                  + " allowing anything, so pods that no policy selects stay open to every source.")
          .remediation(
              "Add a NetworkPolicy with podSelector {} and policyTypes [Ingress] and no ingress"
                  + " rules to the namespace.")
          .kinds("Namespace", "NetworkPolicy")
          .refs("nsa:network-separation")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(Snapshot snapshot) {
    PolicyModel model = PolicyModel.of(snapshot);
    List<Finding> out = new ArrayList<>();
    for (NamespaceSite site : NamespaceSite.withPods(snapshot, model)) {
      List<Policy> policies = model.policiesIn(site.namespace());
      if (policies.isEmpty()) {
        continue;
      }
      if (policies.stream().noneMatch(p -> Coverage.isDefaultDeny(p, Direction.INGRESS))) {
        long open =
            model.podsIn(site.namespace()).stream()
                .filter(p -> model.policiesSelecting(p, Direction.INGRESS).isEmpty())
                .count();
        out.add(
            INFO.finding(
                site.object(),
                site.pointer(),
                "namespace \""
                    + site.namespace()
                    + "\" has "
                    + policies.size()
                    + " NetworkPolicy(ies) but no default deny for ingress; "
                    + open
                    + " of its "
                    + site.pods()
                    + " workload(s) accept every source"));
      }
    }
    return out;
  }

  @Override
  public int evaluated(Snapshot snapshot) {
    return NamespaceSite.withPods(snapshot, PolicyModel.of(snapshot)).size();
  }
}
