package dev.kordon.pss;

import dev.kordon.snapshot.PodSpecView;
import java.util.List;

/**
 * Restricted, {@code procMount_restricted} (from v1.35, replacing {@code procMount}): the default
 * /proc masks are required even for pods in their own user namespace. Restricted field: {@code
 * securityContext.procMount} of every container; allowed: unset or {@code Default}.
 */
final class ProcMountRestricted {
  private ProcMountRestricted() {}

  static PssCheck check() {
    return new PssCheck(
        "procMount_restricted",
        PssLevel.RESTRICTED,
        "procMount",
        List.of(VersionedPssCheck.of(35, ProcMountRestricted::v1_35, "procMount")));
  }

  static List<OffendingField> v1_35(PodSpecView pod) {
    return ProcMount.unmasked(pod, "");
  }
}
