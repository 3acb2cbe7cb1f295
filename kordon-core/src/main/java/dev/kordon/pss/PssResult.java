package dev.kordon.pss;

import dev.kordon.model.ObjectRef;
import java.util.List;

/**
 * The verdict on one pod (or pod template) at one level and version.
 *
 * @param version the version asked for
 * @param effective the version whose rules were applied: {@code latest} and versions beyond the
 *     newest known one are clamped to it
 */
public record PssResult(
    ObjectRef resource,
    PssLevel level,
    PssVersion version,
    PssVersion effective,
    List<PssViolation> violations) {

  public PssResult {
    violations = List.copyOf(violations);
  }

  public boolean allowed() {
    return violations.isEmpty();
  }

  /** The ids of the checks that failed, in registry order. */
  public List<String> failedChecks() {
    return violations.stream().map(PssViolation::check).toList();
  }
}
