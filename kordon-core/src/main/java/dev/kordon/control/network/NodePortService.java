package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A NodePort Service opens a port on every node of the cluster. */
public final class NodePortService implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0069")
          .title("Service of type NodePort")
          .severity(Severity.MEDIUM)
          .description(
              "A NodePort Service listens on a port of every node, on every node address,"
                  + " bypassing the ingress layer and its TLS, authentication and logging; any"
                  + " client that can reach a node reaches the workload.")
          .remediation(
              "Use type ClusterIP behind an Ingress or Gateway, or a LoadBalancer restricted with"
                  + " loadBalancerSourceRanges.")
          .kinds("Service")
          .refs("nsa:network-separation", "mitre:T1190")
          .peers("kubescape:C-0256")
          .build();

  private static final JsonPointer TYPE = JsonPointer.of("spec", "type");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    if (!object.text(TYPE).orElse("").equals("NodePort")) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            object, TYPE, "Service \"" + object.name() + "\" is of type NodePort" + ports(object)));
  }

  private static String ports(KubeObject object) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode p : object.raw().path("spec").path("ports")) {
      if (p.path("nodePort").isIntegralNumber()) {
        sb.append(sb.length() == 0 ? " on node port " : ", ").append(p.path("nodePort").asInt());
      }
    }
    return sb.toString();
  }
}
