package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/** CPU limit missing. */
public final class CpuLimitMissing implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0051")
          .title("CPU limit missing")
          .severity(Severity.LOW)
          .description(
              "A container without a CPU limit can use every idle core of its node; a runaway or hijacked process (a cryptominer) slows every neighbour and hides in the noise.")
          .remediation(
              "Set resources.limits.cpu on every container, or a default limit in a LimitRange of the namespace.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:resource-policies", "mitre:T1499")
          .peers("kubescape:C-0270", "trivy:KSV-0011")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    return UnsetResources.check(INFO, pod, snapshot, ResourceDefaults.Section.LIMITS, "cpu");
  }
}
