package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;

/**
 * Baseline, {@code privileged}: privileged pods disable most security mechanisms and must be
 * disallowed. Restricted field: {@code securityContext.privileged} of every container; allowed:
 * unset or {@code false}.
 */
final class Privileged {
  private Privileged() {}

  static PssCheck check() {
    return new PssCheck(
        "privileged",
        PssLevel.BASELINE,
        "privileged",
        List.of(VersionedPssCheck.of(0, Privileged::v1_0)));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    for (ContainerView c : Pods.containers(pod)) {
      if (Pods.isTrue(c.securityContext().path("privileged"))) {
        out.add(
            new OffendingField(
                c.describe() + " sets securityContext.privileged: true (allowed: false or unset)",
                Pods.securityField(c, "privileged")));
      }
    }
    return out;
  }
}
