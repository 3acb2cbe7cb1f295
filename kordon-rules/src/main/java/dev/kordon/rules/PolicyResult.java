package dev.kordon.rules;

import dev.kordon.model.KubeObject;
import java.util.List;

/**
 * The outcome of one policy through one binding over every object: how many objects it matched, its
 * decisions, and the audit annotations it would record.
 */
public record PolicyResult(
    String policy,
    String binding,
    List<PolicyBinding.Action> actions,
    int matched,
    List<Decision> decisions,
    List<Annotation> annotations) {

  /** One {@code auditAnnotations} value, keyed {@code <policy>/<key>} as the API server does. */
  public record Annotation(KubeObject object, String key, String value) {}

  public PolicyResult {
    actions = List.copyOf(actions);
    decisions = List.copyOf(decisions);
    annotations = List.copyOf(annotations);
  }
}
