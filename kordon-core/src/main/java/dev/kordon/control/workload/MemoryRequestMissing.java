package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/** Memory request missing. */
public final class MemoryRequestMissing implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0052")
          .title("Memory request missing")
          .severity(Severity.LOW)
          .description(
              "Without a memory request the scheduler assumes the pod needs no memory; under memory pressure the kubelet evicts such pods first and nodes get overcommitted.")
          .remediation(
              "Set resources.requests.memory on every container to its normal working set.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:resource-policies")
          .peers("kubescape:C-0269", "trivy:KSV-0016")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    return UnsetResources.check(INFO, pod, snapshot, ResourceDefaults.Section.REQUESTS, "memory");
  }
}
