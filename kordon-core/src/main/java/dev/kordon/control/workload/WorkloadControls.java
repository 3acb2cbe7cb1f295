package dev.kordon.control.workload;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import java.util.List;

/** The workload controls, in catalog order. */
public final class WorkloadControls {
  private WorkloadControls() {}

  public static List<Control> all(ControlSettings settings) {
    return List.of(
        new PrivilegedContainer(),
        new PrivilegeEscalationAllowed(),
        new RunAsNonRootNotEnforced(),
        new RootUser(),
        new RootGroup(),
        new HostPidNamespace(),
        new HostIpcNamespace(),
        new HostNetworkNamespace(),
        new HostPathMounted(),
        new SensitiveHostPathMounted(),
        new WritableHostPathMount(),
        new HostPortBound(),
        new NodeTakeoverCapability(),
        new DangerousCapability(),
        new NonDefaultCapability(),
        new CapabilitiesNotDropped(),
        new WritableRootFilesystem(),
        new SeccompProfileMissing(),
        new SeccompUnconfined(),
        new AppArmorUnconfined(),
        new CustomSeLinuxOptions(),
        new UnmaskedProcMount(),
        new UnsafeSysctl(),
        new SharedProcessNamespace(),
        new WindowsHostProcess(),
        new ProbeTargetsOtherHost(),
        new NonCoreVolumeType(),
        new UnmaskedProcMountInUserNamespace(),
        new DefaultCapabilityAddedBack());
  }
}
