package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Baseline, {@code procMount}: the default /proc masks reduce the attack surface and should be
 * required. Restricted field: {@code securityContext.procMount} of every container; allowed: unset
 * or {@code Default}. From v1.35 a pod in its own user namespace ({@code hostUsers: false}) may use
 * any procMount, because the unmasked /proc then belongs to that namespace.
 */
final class ProcMount {
  private ProcMount() {}

  static PssCheck check() {
    return new PssCheck(
        "procMount",
        PssLevel.BASELINE,
        "procMount",
        List.of(
            VersionedPssCheck.of(0, ProcMount::v1_0), VersionedPssCheck.of(35, ProcMount::v1_35)));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    return unmasked(pod, "");
  }

  static List<OffendingField> v1_35(PodSpecView pod) {
    if (Pods.ownUserNamespace(pod)) {
      return List.of();
    }
    return unmasked(pod, " or set hostUsers: false");
  }

  /** Containers whose procMount is set to anything but Default. */
  static List<OffendingField> unmasked(PodSpecView pod, String alsoAllowed) {
    List<OffendingField> out = new ArrayList<>();
    for (ContainerView c : Pods.containers(pod)) {
      Optional<String> mount = Pods.string(c.securityContext().path("procMount"));
      if (mount.isPresent() && !mount.get().equals("Default")) {
        out.add(
            new OffendingField(
                c.describe()
                    + " sets securityContext.procMount "
                    + Pods.quote(mount.get())
                    + " (allowed: Default or unset"
                    + alsoAllowed
                    + ")",
                Pods.securityField(c, "procMount")));
      }
    }
    return out;
  }
}
