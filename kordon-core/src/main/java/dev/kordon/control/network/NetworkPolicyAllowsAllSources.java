package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ControlScope;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.netpol.Coverage;
import dev.kordon.netpol.PolicyModel;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * An ingress rule that admits every source: no {@code from}, {@code from: []}, or an ipBlock of
 * {@code 0.0.0.0/0} or {@code ::/0}. The selected pods are open to the whole cluster and, through
 * any load balancer or node port, to the internet.
 */
public final class NetworkPolicyAllowsAllSources implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0184")
          .title("NetworkPolicy rule allows all sources")
          .severity(Severity.MEDIUM)
          .description(
              "An ingress rule without sources, with an empty from, or with an ipBlock covering"
                  + " every address admits every pod of the cluster and every outside client.")
          .remediation(
              "List the sources the pods need in the rule's from (podSelector, namespaceSelector"
                  + " or a narrow ipBlock).")
          .kinds("NetworkPolicy")
          .refs("nsa:network-separation")
          .scope(ControlScope.OBJECT_IN_SNAPSHOT)
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    PolicyModel.of(snapshot)
        .policyOf(object)
        .ifPresent(
            policy -> {
              for (Coverage.OpenRule open : Coverage.openRules(policy)) {
                String ports =
                    open.rule().ports().isEmpty() ? "every port" : open.rule().ports().toString();
                out.add(
                    INFO.finding(
                        object,
                        open.pointer(),
                        open.rule().label() + ": " + open.reason() + " on " + ports));
              }
            });
    return out;
  }
}
