package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A regular container without a liveness probe is never restarted when it hangs. A Job or CronJob
 * bounded by {@code activeDeadlineSeconds} is exempt: the deadline ends a hung run.
 */
public final class LivenessProbeMissing implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0054")
          .title("Liveness probe missing")
          .severity(Severity.LOW)
          .description(
              "Without a liveness probe the kubelet restarts a container only when its process"
                  + " exits; a deadlocked or wedged process keeps its pod Running and its"
                  + " replicas' worth of capacity lost until someone notices.")
          .remediation(
              "Add a livenessProbe that fails only when the process cannot recover on its own.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .peers("kubescape:C-0056")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    if (deadlineBounded(pod)) {
      return out;
    }
    for (ContainerView c : pod.containers()) {
      JsonPointer field = c.field("livenessProbe");
      if (!pod.object().at(field).isObject()) {
        out.add(INFO.finding(pod.object(), field, c.describe() + " has no livenessProbe"));
      }
    }
    return out;
  }

  private static boolean deadlineBounded(PodSpecView pod) {
    String kind = pod.object().kind();
    JsonPointer jobSpec;
    if (kind.equals("Job")) {
      jobSpec = JsonPointer.of("spec");
    } else if (kind.equals("CronJob")) {
      jobSpec = JsonPointer.of("spec", "jobTemplate", "spec");
    } else {
      return false;
    }
    return positive(pod, jobSpec.append("activeDeadlineSeconds"))
        || positive(pod, pod.field("activeDeadlineSeconds"));
  }

  private static boolean positive(PodSpecView pod, JsonPointer field) {
    return pod.object().integer(field).orElse(0) > 0;
  }
}
