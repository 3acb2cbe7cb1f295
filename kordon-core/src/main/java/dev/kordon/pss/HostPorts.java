package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Baseline, {@code hostPorts}: HostPorts should be disallowed entirely. Restricted field: {@code
 * ports[*].hostPort} of every container; allowed: unset or 0.
 */
final class HostPorts {
  private HostPorts() {}

  static PssCheck check() {
    return new PssCheck(
        "hostPorts",
        PssLevel.BASELINE,
        "hostPort",
        List.of(VersionedPssCheck.of(0, HostPorts::v1_0)));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    for (ContainerView c : Pods.containers(pod)) {
      JsonNode ports = c.node().path("ports");
      for (int i = 0; i < ports.size(); i++) {
        JsonNode hostPort = ports.path(i).path("hostPort");
        if (hostPort.isNumber() && hostPort.asLong() != 0) {
          out.add(
              new OffendingField(
                  c.describe()
                      + " sets hostPort "
                      + hostPort.asLong()
                      + " (allowed: 0 or unset; expose the port through a Service)",
                  c.field("ports", Integer.toString(i), "hostPort")));
        }
      }
    }
    return out;
  }
}
