package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.SnapshotControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.netpol.PolicyModel;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A namespace with workloads and no NetworkPolicy at all: every pod in it accepts connections from
 * every pod of the cluster and reaches every pod and address.
 */
public final class NamespaceWithoutNetworkPolicy implements SnapshotControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0180")
          .title("Namespace without any NetworkPolicy")
          .severity(Severity.MEDIUM)
          .description(
              "No NetworkPolicy selects any pod of the namespace, so every pod accepts connections"
                  + " from every pod of the cluster and may connect anywhere: one compromised pod"
                  + " can reach all of them.")
          .remediation(
              "Add a default-deny NetworkPolicy to the namespace and allow the traffic its"
                  + " workloads need.")
          .kinds("Namespace", "NetworkPolicy")
          .refs("cis:5.3.2", "nsa:network-separation", "mitre:T1046")
          .peers("kubescape:C-0206", "kubescape:C-0054")
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
      if (model.policiesIn(site.namespace()).isEmpty()) {
        out.add(
            INFO.finding(
                site.object(),
                site.pointer(),
                "namespace \""
                    + site.namespace()
                    + "\" has "
                    + site.pods()
                    + " workload(s) and no NetworkPolicy: every pod is reachable from every pod"));
      }
    }
    return out;
  }

  @Override
  public int evaluated(Snapshot snapshot) {
    return NamespaceSite.withPods(snapshot, PolicyModel.of(snapshot)).size();
  }
}
