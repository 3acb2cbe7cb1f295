package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;

/** A LoadBalancer Service reachable from any address on the internet. */
public final class OpenLoadBalancerService implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0070")
          .title("LoadBalancer Service open to any source")
          .severity(Severity.HIGH)
          .description(
              "A public cloud load balancer without source ranges forwards traffic from the whole"
                  + " internet straight to the pods, bypassing the ingress layer; scanners find"
                  + " such endpoints within minutes.")
          .remediation(
              "Restrict spec.loadBalancerSourceRanges to the client networks, make the load"
                  + " balancer internal, or expose the workload through an Ingress or Gateway.")
          .kinds("Service")
          .refs("nsa:network-separation", "mitre:T1190")
          .peers("kubescape:C-0256")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    Optional<LoadBalancerExposure> e = LoadBalancerExposure.of(object);
    if (e.isEmpty() || !e.get().open()) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            object,
            e.get().pointer(),
            "LoadBalancer Service \"" + object.name() + "\" " + e.get().detail()));
  }
}
