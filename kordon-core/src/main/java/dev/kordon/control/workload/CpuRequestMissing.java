package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/** CPU request missing. */
public final class CpuRequestMissing implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0050")
          .title("CPU request missing")
          .severity(Severity.LOW)
          .description(
              "Without a CPU request the scheduler places the pod as if it needed no CPU and the kernel gives it the smallest share under contention: the pod starves when a node is busy, and nodes get overcommitted.")
          .remediation(
              "Set resources.requests.cpu on every container to what it needs under normal load.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:resource-policies")
          .peers("kubescape:C-0268", "trivy:KSV-0015")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    return UnsetResources.check(INFO, pod, snapshot, ResourceDefaults.Section.REQUESTS, "cpu");
  }
}
