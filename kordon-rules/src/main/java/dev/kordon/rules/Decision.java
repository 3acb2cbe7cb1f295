package dev.kordon.rules;

import dev.kordon.model.KubeObject;
import java.util.List;

/**
 * What one policy, through one binding, decided about one object (with one param object): a failed
 * validation, an evaluation error under {@code failurePolicy: Fail}, or missing params under {@code
 * parameterNotFoundAction: Deny}. The binding's actions say whether it denies, warns or audits.
 *
 * @param param {@code namespace/name} of the param object, empty when none
 */
public record Decision(
    String policy,
    String binding,
    KubeObject object,
    String param,
    Cause cause,
    List<PolicyBinding.Action> actions,
    String message,
    String reason) {

  /** Why the request fails. */
  public enum Cause {
    VALIDATION_FAILED,
    EVALUATION_ERROR,
    PARAMS_NOT_FOUND,
    CONFIGURATION_ERROR
  }

  public Decision {
    actions = List.copyOf(actions);
  }

  public boolean denies() {
    return actions.contains(PolicyBinding.Action.DENY);
  }

  /** As the API server words a denial, a warning or an audit record. */
  public String text() {
    if (denies()) {
      return "ValidatingAdmissionPolicy '"
          + policy
          + "' with binding '"
          + binding
          + "' denied request: "
          + message;
    }
    return "Validation failed for ValidatingAdmissionPolicy '"
        + policy
        + "' with binding '"
        + binding
        + "': "
        + message;
  }
}
