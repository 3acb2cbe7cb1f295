package dev.kordon.pss;

import java.util.List;
import java.util.Set;

/** The registry of built-in checks: baseline first, then restricted, as upstream orders them. */
public final class PssChecks {
  private PssChecks() {}

  /**
   * The capabilities a container may add under baseline ({@code capabilities_baseline}): the
   * runtime's default set, spelt exactly so.
   */
  public static Set<String> baselineCapabilities() {
    return CapabilitiesBaseline.DEFAULTS;
  }

  /**
   * Every built-in check, one list for the process: its revisions' {@link PodCheck}s are the keys
   * under which a {@link dev.kordon.snapshot.PodSpecView} remembers their results, so every
   * evaluator built from it shares them.
   */
  public static List<PssCheck> all() {
    return ALL;
  }

  private static final List<PssCheck> ALL = build();

  private static List<PssCheck> build() {
    return List.of(
        AppArmorProfile.check(),
        CapabilitiesBaseline.check(),
        HostNamespaces.check(),
        HostPathVolumes.check(),
        HostPorts.check(),
        HostProbesAndHostLifecycle.check(),
        Privileged.check(),
        ProcMount.check(),
        SeccompProfileBaseline.check(),
        SeLinuxOptions.check(),
        Sysctls.check(),
        WindowsHostProcess.check(),
        AllowPrivilegeEscalation.check(),
        CapabilitiesRestricted.check(),
        ProcMountRestricted.check(),
        RestrictedVolumes.check(),
        RunAsNonRoot.check(),
        RunAsUser.check(),
        SeccompProfileRestricted.check());
  }
}
