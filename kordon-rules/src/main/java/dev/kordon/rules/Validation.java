package dev.kordon.rules;

import java.util.Map;
import java.util.Optional;

/**
 * One compiled {@code validations[]} entry. Its message follows the API server: the {@code
 * messageExpression} result when it evaluates to a non-empty single line, else {@code message},
 * else {@code failed expression: <expression>}.
 *
 * @param messageExpression null when absent
 * @param reason the policy's reason for a denial (Forbidden unless given)
 */
record Validation(
    Expression expression, String message, Expression messageExpression, String reason) {

  /** The outcome of one validation on one object. */
  record Outcome(Status status, String message) {
    static final Outcome PASSED = new Outcome(Status.PASSED, "");
  }

  enum Status {
    PASSED,
    FAILED,
    ERROR
  }

  Outcome evaluate(Map<String, Object> activation) {
    Object result;
    try {
      result = expression.eval(activation);
    } catch (EvaluationError e) {
      return error(e.getMessage());
    }
    if (Boolean.TRUE.equals(result)) {
      return Outcome.PASSED;
    }
    if (!Boolean.FALSE.equals(result)) {
      return error("expression must evaluate to bool, got " + describe(result));
    }
    return new Outcome(Status.FAILED, failureMessage(activation));
  }

  private Outcome error(String detail) {
    return new Outcome(
        Status.ERROR, "expression '" + expression.source() + "' resulted in error: " + detail);
  }

  private String failureMessage(Map<String, Object> activation) {
    Optional<String> fromExpression = Optional.empty();
    if (messageExpression != null) {
      try {
        Object m = messageExpression.eval(activation);
        if (m instanceof String && !((String) m).isBlank() && !((String) m).contains("\n")) {
          fromExpression = Optional.of(((String) m).trim());
        }
      } catch (EvaluationError e) {
        // the API server logs this and falls back to message
      }
    }
    if (fromExpression.isPresent()) {
      return fromExpression.get();
    }
    if (message != null && !message.isBlank()) {
      return message;
    }
    return "failed expression: " + expression.source();
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }
}
