package dev.kordon.pss;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Every workload of a snapshot judged at one level and version, in input order: what {@code kordon
 * pss} answers without namespaces.
 *
 * @param effective the version whose rules were applied (a newer version than Kordon knows uses the
 *     newest rules)
 */
public record WorkloadReview(
    PssLevel level, PssVersion version, PssVersion effective, List<Judged> workloads) {

  /**
   * One workload and its verdict.
   *
   * @param copy where the workload was defined ({@code file:line}) when the inputs define it
   *     several times (each copy is judged on its own); empty otherwise
   */
  public record Judged(KubeObject object, PssResult result, String copy) {}

  public WorkloadReview {
    workloads = List.copyOf(workloads);
  }

  public static WorkloadReview of(
      PssEvaluator evaluator, PssLevel level, PssVersion version, Snapshot snapshot) {
    List<Judged> out = new ArrayList<>();
    for (PodSpecView pod : snapshot.workloads()) {
      out.add(
          new Judged(
              pod.object(),
              evaluator.evaluate(level, version, pod),
              snapshot.copyLocation(pod.object())));
    }
    return new WorkloadReview(level, version, evaluator.effective(version), out);
  }

  public boolean anyDenied() {
    return workloads.stream().anyMatch(j -> !j.result().allowed());
  }
}
