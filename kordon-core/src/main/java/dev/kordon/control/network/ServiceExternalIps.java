package dev.kordon.control.network;

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

/** {@code spec.externalIPs} lets a Service capture traffic for any address (CVE-2020-8554). */
public final class ServiceExternalIps implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0072")
          .title("Service with external IPs")
          .severity(Severity.HIGH)
          .description(
              "kube-proxy routes traffic for every address in spec.externalIPs to the Service,"
                  + " from every node, whoever owns the address: a user who may create Services"
                  + " can intercept traffic meant for another workload or an outside host"
                  + " (CVE-2020-8554).")
          .remediation(
              "Remove spec.externalIPs; use a LoadBalancer or an Ingress, and block the field"
                  + " with the DenyServiceExternalIPs admission plugin or a policy.")
          .kinds("Service")
          .refs("mitre:T1557")
          .peers("trivy:KSV-0108")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    JsonPointer base = JsonPointer.of("spec", "externalIPs");
    JsonNode ips = object.at(base);
    for (int i = 0; ips.isArray() && i < ips.size(); i++) {
      String ip = ips.get(i).asString("");
      if (!ip.isBlank()) {
        out.add(
            INFO.finding(
                object,
                base.append(i),
                "Service \"" + object.name() + "\" claims external IP " + ip));
      }
    }
    return out;
  }
}
