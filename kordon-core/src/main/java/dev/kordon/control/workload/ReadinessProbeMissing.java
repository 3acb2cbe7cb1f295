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
 * A serving container without a readiness probe receives traffic before it can answer. Pods that
 * run to completion (Jobs, CronJobs, restartPolicy Never or OnFailure) serve no traffic and are
 * exempt.
 */
public final class ReadinessProbeMissing implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0055")
          .title("Readiness probe missing")
          .severity(Severity.LOW)
          .description(
              "Without a readiness probe a pod joins its Services' endpoints as soon as its"
                  + " containers start, and stays there while it is overloaded or broken:"
                  + " clients get errors during every rollout and every partial failure.")
          .remediation(
              "Add a readinessProbe that succeeds only when the container can serve requests.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .peers("kubescape:C-0018")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    if (runsToCompletion(pod)) {
      return out;
    }
    for (ContainerView c : pod.containers()) {
      JsonPointer field = c.field("readinessProbe");
      if (!pod.object().at(field).isObject()) {
        out.add(INFO.finding(pod.object(), field, c.describe() + " has no readinessProbe"));
      }
    }
    return out;
  }

  private static boolean runsToCompletion(PodSpecView pod) {
    String kind = pod.object().kind();
    String restart = pod.at("restartPolicy").asString("Always");
    return kind.equals("Job")
        || kind.equals("CronJob")
        || restart.equals("Never")
        || restart.equals("OnFailure");
  }
}
