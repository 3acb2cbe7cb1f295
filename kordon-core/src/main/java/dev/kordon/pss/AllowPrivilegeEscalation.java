package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Restricted, {@code allowPrivilegeEscalation} (from v1.8): privilege escalation (such as via
 * set-user-ID or set-group-ID file mode) should not be allowed. Restricted field: {@code
 * securityContext.allowPrivilegeEscalation} of every container; required: {@code false}. From v1.25
 * Windows pods are exempt.
 */
final class AllowPrivilegeEscalation {
  private AllowPrivilegeEscalation() {}

  static PssCheck check() {
    return new PssCheck(
        "allowPrivilegeEscalation",
        PssLevel.RESTRICTED,
        "allowPrivilegeEscalation != false",
        List.of(
            VersionedPssCheck.of(8, AllowPrivilegeEscalation::v1_8),
            VersionedPssCheck.of(25, AllowPrivilegeEscalation::v1_25)));
  }

  static List<OffendingField> v1_8(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    for (ContainerView c : Pods.containers(pod)) {
      JsonNode value = c.securityContext().path("allowPrivilegeEscalation");
      if (!Pods.isFalse(value)) {
        out.add(
            new OffendingField(
                c.describe()
                    + (Pods.present(value)
                        ? " sets securityContext.allowPrivilegeEscalation: " + value.asString()
                        : " leaves securityContext.allowPrivilegeEscalation unset")
                    + " (required: false)",
                Pods.securityField(c, "allowPrivilegeEscalation")));
      }
    }
    return out;
  }

  static List<OffendingField> v1_25(PodSpecView pod) {
    return Pods.isWindows(pod) ? List.of() : v1_8(pod);
  }
}
