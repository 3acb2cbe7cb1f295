package dev.kordon.control.cluster;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A Node reports an ExternalIP address: its kubelet and NodePorts may face the internet. */
public final class NodeWithExternalIp implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0108")
          .title("Node with an external IP address")
          .severity(Severity.MEDIUM)
          .description(
              "A node with an external address exposes the kubelet API (10250), any read-only"
                  + " port and every NodePort Service to whoever can route to it, unless a"
                  + " firewall outside Kubernetes blocks them.")
          .remediation(
              "Run nodes on private addresses behind a load balancer, or restrict inbound traffic"
                  + " to them with the cloud firewall.")
          .kinds("Node")
          .refs("nsa:network-separation", "mitre:T1190")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject node, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    JsonNode addresses = node.raw().path("status").path("addresses");
    for (int i = 0; i < addresses.size(); i++) {
      JsonNode a = addresses.path(i);
      if (a.path("type").asString("").equals("ExternalIP")) {
        out.add(
            INFO.finding(
                node,
                JsonPointer.ROOT.append("status", "addresses").append(i).append("address"),
                "node \"" + node.name() + "\" has external IP " + a.path("address").asString("")));
      }
    }
    return out;
  }
}
