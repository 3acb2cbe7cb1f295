package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Baseline, {@code hostProbesAndHostLifecycle} (from v1.34): probes and lifecycle handlers must not
 * target another host, which would let the kubelet be used to reach arbitrary addresses. Restricted
 * fields: {@code host} of {@code httpGet} and {@code tcpSocket} in the liveness, readiness and
 * startup probes and the postStart and preStop handlers of every container; allowed: unset or
 * empty.
 */
final class HostProbesAndHostLifecycle {
  private HostProbesAndHostLifecycle() {}

  private static final List<String> PROBES =
      List.of("livenessProbe", "readinessProbe", "startupProbe");
  private static final List<String> HANDLERS = List.of("postStart", "preStop");
  private static final List<String> ACTIONS = List.of("httpGet", "tcpSocket");

  static PssCheck check() {
    return new PssCheck(
        "hostProbesAndHostLifecycle",
        PssLevel.BASELINE,
        "probe or lifecycle host",
        List.of(VersionedPssCheck.of(34, HostProbesAndHostLifecycle::v1_34)));
  }

  static List<OffendingField> v1_34(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    for (ContainerView c : Pods.containers(pod)) {
      for (String probe : PROBES) {
        for (String action : ACTIONS) {
          inspect(c, c.node().path(probe).path(action), probe + "." + action, out, probe, action);
        }
      }
      for (String handler : HANDLERS) {
        for (String action : ACTIONS) {
          inspect(
              c,
              c.node().path("lifecycle").path(handler).path(action),
              "lifecycle." + handler + "." + action,
              out,
              "lifecycle",
              handler,
              action);
        }
      }
    }
    return out;
  }

  private static void inspect(
      ContainerView c, JsonNode action, String what, List<OffendingField> out, String... path) {
    String host = action.path("host").asString("");
    if (!host.isEmpty()) {
      List<String> segments = new ArrayList<>(List.of(path));
      segments.add("host");
      out.add(
          new OffendingField(
              c.describe()
                  + " sets "
                  + what
                  + ".host "
                  + Pods.quote(host)
                  + " (allowed: unset, so that the kubelet probes the pod itself)",
              c.field(segments.toArray(new String[0]))));
    }
  }
}
