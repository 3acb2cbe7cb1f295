package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;

/**
 * Baseline, {@code windowsHostProcess}: Windows pods offer the ability to run HostProcess
 * containers, which enable privileged access to the Windows host machine; this must be disallowed.
 * Restricted field: {@code securityContext.windowsOptions.hostProcess} of the pod and every
 * container; allowed: unset or {@code false}.
 */
final class WindowsHostProcess {
  private WindowsHostProcess() {}

  static PssCheck check() {
    return new PssCheck(
        "windowsHostProcess",
        PssLevel.BASELINE,
        "hostProcess",
        List.of(VersionedPssCheck.of(0, WindowsHostProcess::v1_0)));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    if (Pods.isTrue(Pods.podSecurityContext(pod).path("windowsOptions").path("hostProcess"))) {
      out.add(
          new OffendingField(
              "pod sets securityContext.windowsOptions.hostProcess: true (allowed: false or unset)",
              pod.field("securityContext", "windowsOptions", "hostProcess")));
    }
    for (ContainerView c : Pods.containers(pod)) {
      if (Pods.isTrue(c.securityContext().path("windowsOptions").path("hostProcess"))) {
        out.add(
            new OffendingField(
                c.describe()
                    + " sets securityContext.windowsOptions.hostProcess: true (allowed: false or"
                    + " unset)",
                Pods.securityField(c, "windowsOptions", "hostProcess")));
      }
    }
    return out;
  }
}
