package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;

/**
 * A LoadBalancer Service limited to source ranges or to an internal network: still an entry point
 * from outside the cluster, reported at low severity so that exposure stays inventoried.
 */
public final class RestrictedLoadBalancerService implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0071")
          .title("LoadBalancer Service with restricted sources")
          .severity(Severity.LOW)
          .description(
              "The load balancer accepts only some networks, or only an internal one, but it is"
                  + " still a path into the pods that skips the ingress layer; the ranges need an"
                  + " owner and a periodic review.")
          .remediation(
              "Review that the source ranges or the internal network are still the intended"
                  + " clients, and prefer an Ingress or Gateway for HTTP traffic.")
          .kinds("Service")
          .refs("nsa:network-separation")
          .peers("kubescape:C-0256")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    Optional<LoadBalancerExposure> e = LoadBalancerExposure.of(object);
    if (e.isEmpty() || e.get().open()) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            object,
            e.get().pointer(),
            "LoadBalancer Service \"" + object.name() + "\" " + e.get().detail()));
  }
}
