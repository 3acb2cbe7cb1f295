package dev.kordon.rules;

/** An expression that failed while running: no such key, a bad conversion, or over its budget. */
public final class EvaluationError extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean costExceeded;

  EvaluationError(String message, boolean costExceeded) {
    super(message);
    this.costExceeded = costExceeded;
  }

  /** Whether evaluation was stopped by the runtime cost budget. */
  public boolean costExceeded() {
    return costExceeded;
  }
}
