package dev.kordon.framework;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How one scan scores against a framework.
 *
 * @param score 0–100: the share of (control, resource) checks that passed; empty when none of the
 *     framework's controls judged any resource (not applicable: nothing passed, nothing failed)
 * @param passed controls of the framework with no failing resource
 * @param failed controls with at least one failing resource
 */
public record FrameworkScore(
    String id,
    String name,
    OptionalDouble score,
    int passed,
    int failed,
    List<ControlScore> controls) {

  /** Per control: how many resources it judged and how many failed. */
  public record ControlScore(String controlId, int evaluated, int failedResources) {}

  public FrameworkScore {
    controls = List.copyOf(controls);
  }

  /** A framework some control of which judged a resource. */
  public FrameworkScore(
      String id, String name, double score, int passed, int failed, List<ControlScore> controls) {
    this(id, name, OptionalDouble.of(score), passed, failed, controls);
  }

  /** Whether any resource was judged, so that the score means something. */
  public boolean applicable() {
    return score.isPresent();
  }

  /** The score as people read it: {@code 75.0%}, or {@code n/a} when nothing applied. */
  public String percent() {
    return score.isPresent() ? String.format(Locale.ROOT, "%.1f%%", score.getAsDouble()) : "n/a";
  }
}
