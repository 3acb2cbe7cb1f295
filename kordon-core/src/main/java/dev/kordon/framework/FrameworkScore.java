package dev.kordon.framework;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How one scan scores against a framework, computed from its per-control counts so that the score
 * and the three control counts can never disagree.
 *
 * <p>A control that judged nothing (a kubelet-config control in a manifest scan, a Service control
 * in a tree with no Service) neither passed nor failed: it is {@linkplain #notEvaluated() not
 * evaluated}, and it adds no check to the score.
 *
 * @param version the version of the framework its section ids come from ({@code v1.12.0} for the
 *     CIS Kubernetes Benchmark); empty when it has none
 * @param controls every control of the framework that ran, with what it judged
 */
public record FrameworkScore(String id, String name, String version, List<ControlScore> controls) {

  /**
   * Per control: how many resources it judged and how many of those failed.
   *
   * @param evaluated resources the control judged (at least {@code failedResources})
   * @param failedResources resources with a failed, not excepted, finding of the control
   */
  public record ControlScore(String controlId, int evaluated, int failedResources) {

    public ControlScore {
      if (failedResources < 0 || evaluated < failedResources) {
        throw new IllegalArgumentException(
            "control " + controlId + ": " + failedResources + " of " + evaluated + " failed");
      }
    }

    /** Judged at least one resource, and none failed. */
    public boolean passed() {
      return evaluated > 0 && failedResources == 0;
    }

    /** At least one resource failed. */
    public boolean failed() {
      return failedResources > 0;
    }

    /** Judged nothing: neither passed nor failed. */
    public boolean notEvaluated() {
      return evaluated == 0;
    }
  }

  public FrameworkScore {
    controls = List.copyOf(controls);
  }

  /**
   * 0–100, one decimal: the share of (control, resource) checks that passed; empty when none of the
   * framework's controls judged any resource (not applicable: nothing passed, nothing failed, and
   * never 100).
   */
  public OptionalDouble score() {
    long checks = 0;
    long failedChecks = 0;
    for (ControlScore c : controls) {
      checks += c.evaluated();
      failedChecks += c.failedResources();
    }
    return checks == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(Math.round(100.0 * (checks - failedChecks) / checks * 10) / 10.0);
  }

  /** Controls that judged at least one resource and failed on none. */
  public int passed() {
    return (int) controls.stream().filter(ControlScore::passed).count();
  }

  /** Controls with at least one failing resource. */
  public int failed() {
    return (int) controls.stream().filter(ControlScore::failed).count();
  }

  /** Controls that had nothing to judge in this scan (neither passed nor failed). */
  public int notEvaluated() {
    return (int) controls.stream().filter(ControlScore::notEvaluated).count();
  }

  /** Whether any resource was judged, so that the score means something. */
  public boolean applicable() {
    return score().isPresent();
  }

  /** The score as people read it: {@code 75.0%}, or {@code n/a} when nothing applied. */
  public String percent() {
    OptionalDouble score = score();
    return score.isPresent() ? String.format(Locale.ROOT, "%.1f%%", score.getAsDouble()) : "n/a";
  }
}
