package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * Containers of a pod should not share one process namespace ({@code shareProcessNamespace: true}).
 */
public final class SharedProcessNamespace implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0024")
          .title("Process namespace shared between containers")
          .severity(Severity.LOW)
          .description(
              "With shareProcessNamespace every container of the pod sees the others' processes"
                  + " and can read their environment and files through /proc/<pid>/root: a "
                  + "compromised sidecar reads the main container's secrets.")
          .remediation(
              "Remove shareProcessNamespace unless a debugging or sidecar design needs it.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    JsonPointer field = pod.field("shareProcessNamespace");
    if (pod.object().bool(field).orElse(false)) {
      return List.of(INFO.finding(pod.object(), field, "pod sets shareProcessNamespace: true"));
    }
    return List.of();
  }
}
