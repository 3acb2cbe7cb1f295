package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Restricted, {@code capabilities_restricted} (from v1.22, replacing {@code
 * capabilities_baseline}): containers must drop {@code ALL} capabilities and are only permitted to
 * add back {@code NET_BIND_SERVICE}. From v1.25 Windows pods are exempt.
 */
final class CapabilitiesRestricted {
  private CapabilitiesRestricted() {}

  static PssCheck check() {
    return new PssCheck(
        "capabilities_restricted",
        PssLevel.RESTRICTED,
        "unrestricted capabilities",
        List.of(
            VersionedPssCheck.of(22, CapabilitiesRestricted::v1_22, "capabilities_baseline"),
            VersionedPssCheck.of(25, CapabilitiesRestricted::v1_25, "capabilities_baseline")));
  }

  static List<OffendingField> v1_22(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    for (ContainerView c : Pods.containers(pod)) {
      JsonNode caps = c.securityContext().path("capabilities");
      boolean droppedAll = false;
      for (JsonNode d : caps.path("drop")) {
        droppedAll |= "ALL".equals(d.asString(""));
      }
      if (!droppedAll) {
        out.add(
            new OffendingField(
                c.describe()
                    + " does not drop ALL capabilities (required: securityContext.capabilities.drop:"
                    + " [ALL])",
                Pods.securityField(c, "capabilities", "drop")));
      }
      JsonNode add = caps.path("add");
      for (int i = 0; i < add.size(); i++) {
        String cap = add.path(i).asString("");
        if (!cap.equals("NET_BIND_SERVICE")) {
          out.add(
              new OffendingField(
                  c.describe()
                      + " adds capability "
                      + Pods.quote(cap)
                      + " (allowed: only NET_BIND_SERVICE)",
                  Pods.securityField(c, "capabilities", "add", Integer.toString(i))));
        }
      }
    }
    return out;
  }

  static List<OffendingField> v1_25(PodSpecView pod) {
    return Pods.isWindows(pod) ? List.of() : v1_22(pod);
  }
}
