package dev.kordon.control.workload;

import dev.kordon.model.JsonPointer;
import dev.kordon.pss.OffendingField;
import dev.kordon.pss.PssEvaluator;
import dev.kordon.pss.PssVersion;
import dev.kordon.pss.PssViolation;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.List;
import java.util.Optional;

/**
 * The Pod Security checks as the workload controls that report them ask for them: at version
 * latest, each check alone. What a check forbids is decided in {@code dev.kordon.pss} and nowhere
 * else; a control only picks the fields that are its concern and says in its own words what is
 * wrong with them.
 */
final class PodSecurity {
  private PodSecurity() {}

  private static final PssEvaluator EVALUATOR = PssEvaluator.builtIn();

  /** The fields of the pod that break the check; none when it passes. */
  static List<OffendingField> offending(String check, PodSpecView pod) {
    return EVALUATOR
        .evaluateCheck(check, PssVersion.LATEST, pod)
        .map(PssViolation::fields)
        .orElse(List.of());
  }

  /** The container whose spec holds the field; empty for a field of the pod itself. */
  static Optional<ContainerView> container(PodSpecView pod, JsonPointer field) {
    for (ContainerView c : pod.allContainers()) {
      if (field.startsWith(c.pointer())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Who sets the field, for messages: {@code container "app"} or {@code pod}. */
  static String who(PodSpecView pod, JsonPointer field) {
    return container(pod, field).map(ContainerView::describe).orElse("pod");
  }
}
