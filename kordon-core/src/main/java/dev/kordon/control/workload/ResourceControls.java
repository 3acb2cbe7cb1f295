package dev.kordon.control.workload;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import java.util.List;

/** Workload hygiene controls: resources, probes, service accounts, namespaces, sandboxing. */
public final class ResourceControls {
  private ResourceControls() {}

  public static List<Control> all(ControlSettings settings) {
    return List.of(
        new CpuRequestMissing(),
        new CpuLimitMissing(),
        new MemoryRequestMissing(),
        new MemoryLimitMissing(),
        new LivenessProbeMissing(),
        new ReadinessProbeMissing(),
        new ServiceAccountTokenAutomounted(),
        new DefaultServiceAccountUsed(),
        new WorkloadInDefaultNamespace(),
        new SandboxRuntimeMissing(settings.sandboxRuntimeClasses()),
        new SshPortDeclared());
  }
}
