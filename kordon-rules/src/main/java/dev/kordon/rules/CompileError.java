package dev.kordon.rules;

/**
 * An expression that does not compile, or costs too much, reported as the API server does: the
 * field, the message, and the expression with a caret under the position.
 *
 * @param line 1-based line inside the expression, 0 when not about one position
 * @param column 1-based column inside the expression, 0 when not about one position
 */
public record CompileError(String field, String expression, int line, int column, String message) {

  /** {@code spec.validations[0].expression: compilation failed: ERROR: <input>:1:5: ...}. */
  public String describe() {
    return field + ": " + message;
  }
}
