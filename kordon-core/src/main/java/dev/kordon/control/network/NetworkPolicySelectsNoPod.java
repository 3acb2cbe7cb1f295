package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ControlScope;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.netpol.Policy;
import dev.kordon.netpol.PolicyModel;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;

/**
 * A NetworkPolicy whose podSelector matches no pod of its namespace: it protects nothing, often
 * after a label was renamed. Judged only when the snapshot has pods in that namespace.
 */
public final class NetworkPolicySelectsNoPod implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0183")
          .title("NetworkPolicy selects no pod")
          .severity(Severity.LOW)
          .description(
              "The policy's podSelector matches none of the pods of its namespace, so it isolates"
                  + " nothing; the pods it was written for are likely unprotected.")
          .remediation(
              "Fix the podSelector to match the labels of the pods it is meant for, or delete the"
                  + " policy.")
          .kinds("NetworkPolicy")
          .peers("kubescape:C-0299")
          .scope(ControlScope.OBJECT_IN_SNAPSHOT)
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    PolicyModel model = PolicyModel.of(snapshot);
    Optional<Policy> policy = model.policyOf(object);
    if (policy.isEmpty()) {
      return List.of();
    }
    Policy p = policy.get();
    int pods = model.podsIn(p.namespace()).size();
    if (pods == 0 || model.podsIn(p.namespace()).stream().anyMatch(p::selects)) {
      return List.of();
    }
    JsonPointer selector = JsonPointer.of("spec", "podSelector");
    return List.of(
        INFO.finding(
            object,
            object.has(selector) ? selector : JsonPointer.of("metadata", "name"),
            "podSelector "
                + p.podSelector()
                + " matches none of the "
                + pods
                + " workload(s) of namespace \""
                + p.namespace()
                + "\""));
  }
}
