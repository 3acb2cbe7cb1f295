package dev.kordon.admission;

import java.util.List;
import java.util.Map;

/**
 * The answer to one admission request, before it is encoded.
 *
 * @param note why a request was skipped, exempt or failed; empty otherwise
 * @param denials one readable line per enforced violation; non-empty exactly when denied for a
 *     violation
 * @param warnings one line per violation in warn mode (and Pod Security warn violations)
 * @param auditAnnotations keys without prefix (the API server prefixes the webhook's name)
 * @param hits every violation with its mode, for metrics: a control id, or {@code pss:<check>}
 * @param code the status code when denied: 403 for a violation, 500 when evaluation failed
 */
public record Decision(
    Outcome outcome,
    String note,
    List<String> denials,
    List<String> warnings,
    Map<String, String> auditAnnotations,
    List<Hit> hits,
    int code) {

  /** How the request ended, for metrics and logs. */
  public enum Outcome {
    /** Evaluated and admitted (possibly with warnings). */
    ALLOWED,
    /** Evaluated and denied by an enforced violation. */
    DENIED,
    /** Not evaluated: operation, kind, subresource or an unchanged update. */
    SKIPPED,
    /** Not evaluated: the namespace, user or runtime class is exempt. */
    EXEMPT,
    /** Evaluation failed; answered by the failure mode. */
    ERROR;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One violation and what the policy made of it. */
  public record Hit(String id, Mode mode) {}

  public Decision {
    denials = List.copyOf(denials);
    warnings = List.copyOf(warnings);
    auditAnnotations = Map.copyOf(auditAnnotations);
    hits = List.copyOf(hits);
  }

  public boolean allowed() {
    return outcome != Outcome.DENIED && !(outcome == Outcome.ERROR && !denials.isEmpty());
  }

  static Decision skipped(String why) {
    return new Decision(Outcome.SKIPPED, why, List.of(), List.of(), Map.of(), List.of(), 200);
  }

  static Decision exempt(String why) {
    return new Decision(
        Outcome.EXEMPT, why, List.of(), List.of(), Map.of("exempt", why), List.of(), 200);
  }
}
