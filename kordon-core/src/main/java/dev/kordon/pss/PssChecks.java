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

  public static List<PssCheck> all() {
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
