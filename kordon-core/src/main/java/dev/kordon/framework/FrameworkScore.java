package dev.kordon.framework;

import java.util.List;

/**
 * How one scan scores against a framework.
 *
 * @param score 0–100: the share of (control, resource) checks that passed; 100 when nothing applied
 * @param passed controls of the framework with no failing resource
 * @param failed controls with at least one failing resource
 */
public record FrameworkScore(
    String id, String name, double score, int passed, int failed, List<ControlScore> controls) {

  /** Per control: how many resources it judged and how many failed. */
  public record ControlScore(String controlId, int evaluated, int failedResources) {}

  public FrameworkScore {
    controls = List.copyOf(controls);
  }
}
