package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Baseline, {@code capabilities_baseline}: adding capabilities beyond the default set must be
 * disallowed. Restricted field: {@code securityContext.capabilities.add} of every container;
 * allowed: the container runtime's default set, matched exactly as written (no {@code CAP_} prefix,
 * upper case).
 */
final class CapabilitiesBaseline {
  private CapabilitiesBaseline() {}

  static final Set<String> DEFAULTS =
      Set.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT");

  static PssCheck check() {
    return new PssCheck(
        "capabilities_baseline",
        PssLevel.BASELINE,
        "non-default capabilities",
        List.of(VersionedPssCheck.of(0, CapabilitiesBaseline::v1_0)));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    for (ContainerView c : Pods.containers(pod)) {
      JsonNode add = c.securityContext().path("capabilities").path("add");
      for (int i = 0; i < add.size(); i++) {
        String cap = add.path(i).asString("");
        if (!DEFAULTS.contains(cap)) {
          out.add(
              new OffendingField(
                  c.describe()
                      + " adds capability "
                      + Pods.quote(cap)
                      + " (allowed: only the runtime defaults such as CHOWN, KILL, NET_BIND_SERVICE,"
                      + " SETUID, SETGID, spelled exactly so)",
                  Pods.securityField(c, "capabilities", "add", Integer.toString(i))));
        }
      }
    }
    return out;
  }
}
