package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/** Memory limit missing. */
public final class MemoryLimitMissing implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0053")
          .title("Memory limit missing")
          .severity(Severity.MEDIUM)
          .description(
              "A container without a memory limit can take all memory of its node: the kernel OOM killer then kills other pods and node daemons, so one leaking or malicious container takes a node down.")
          .remediation(
              "Set resources.limits.memory on every container, or a default limit in a LimitRange of the namespace.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:resource-policies", "mitre:T1499")
          .peers("kubescape:C-0271", "trivy:KSV-0018")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    return UnsetResources.check(INFO, pod, snapshot, ResourceDefaults.Section.LIMITS, "memory");
  }
}
