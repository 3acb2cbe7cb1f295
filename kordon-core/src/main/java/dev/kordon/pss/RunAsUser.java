package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Restricted, {@code runAsUser} (from v1.23): containers must not set runAsUser to 0. Restricted
 * fields: {@code securityContext.runAsUser} of the pod and every container; allowed: any non-zero
 * value or unset. From v1.35 a pod in its own user namespace ({@code hostUsers: false}) is exempt.
 */
final class RunAsUser {
  private RunAsUser() {}

  static PssCheck check() {
    return new PssCheck(
        "runAsUser",
        PssLevel.RESTRICTED,
        "runAsUser=0",
        List.of(
            VersionedPssCheck.of(23, RunAsUser::v1_23),
            VersionedPssCheck.of(35, RunAsUser::v1_35)));
  }

  static List<OffendingField> v1_23(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    if (isRoot(Pods.podSecurityContext(pod).path("runAsUser"))) {
      out.add(
          new OffendingField(
              "pod sets securityContext.runAsUser: 0 (allowed: a non-zero user id or unset)",
              pod.field("securityContext", "runAsUser")));
    }
    for (ContainerView c : Pods.containers(pod)) {
      if (isRoot(c.securityContext().path("runAsUser"))) {
        out.add(
            new OffendingField(
                c.describe()
                    + " sets securityContext.runAsUser: 0 (allowed: a non-zero user id or unset)",
                Pods.securityField(c, "runAsUser")));
      }
    }
    return out;
  }

  private static boolean isRoot(JsonNode n) {
    return n.isIntegralNumber() && n.asLong() == 0;
  }

  static List<OffendingField> v1_35(PodSpecView pod) {
    return Pods.ownUserNamespace(pod) ? List.of() : v1_23(pod);
  }
}
