package dev.kordon.rules;

import java.util.List;

/** Thrown when a rule or policy has expressions that do not compile; carries every error. */
public final class InvalidExpression extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<CompileError> errors;

  public InvalidExpression(String owner, List<CompileError> errors) {
    super(owner + ": " + String.join("; ", errors.stream().map(CompileError::describe).toList()));
    this.errors = List.copyOf(errors);
  }

  public List<CompileError> errors() {
    return errors;
  }
}
