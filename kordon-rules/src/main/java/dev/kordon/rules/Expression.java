package dev.kordon.rules;

import dev.cel.common.ast.CelExpr;
import dev.cel.common.exceptions.CelIterationLimitExceededException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * One compiled expression: the source, the cel-java program (thread-safe, built once) and its
 * estimated cost. Every evaluation is metered against the runtime budget.
 */
public final class Expression {

  private final String source;
  private final CelRuntime.Program program;
  private final long estimatedCost;
  private final long budget;

  Expression(String source, CelRuntime.Program program, long estimatedCost, long budget) {
    this.source = source;
    this.program = program;
    this.estimatedCost = estimatedCost;
    this.budget = budget;
  }

  public String source() {
    return source;
  }

  public long estimatedCost() {
    return estimatedCost;
  }

  /** Thrown by the meter to abandon an evaluation that went over its budget. */
  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super(null, null, false, false);
    }
  }

  /** Counts cost as cel-java reports each evaluated node; not shared between evaluations. */
  private static final class Meter implements CelEvaluationListener {
    private final long budget;
    private long spent;

    Meter(long budget) {
      this.budget = budget;
    }

    @Override
    public void callback(CelExpr expr, Object result) {
      spent++;
      if (result instanceof String && expr.getKind() == CelExpr.ExprKind.Kind.CALL) {
        spent += ((String) result).length() / 10;
      }
      if (spent > budget) {
        throw new BudgetExceeded();
      }
    }
  }

  /**
   * Evaluates with these variables; a failure or an exhausted budget is an {@link EvaluationError}.
   * The meter stays tripped once over budget, so an overrun is reported even where CEL's logical
   * operators absorb the error it raised; cel-java's iteration limit counts as an overrun.
   */
  public Object eval(Map<String, ?> variables) throws EvaluationError {
    Meter meter = new Meter(budget);
    Object result;
    try {
      result = program.trace(variables, meter);
    } catch (CelEvaluationException | RuntimeException e) {
      if (meter.spent > budget || causedByLimit(e)) {
        throw costExceeded();
      }
      throw new EvaluationError(message(e), false);
    }
    if (meter.spent > budget) {
      throw costExceeded();
    }
    return result;
  }

  private EvaluationError costExceeded() {
    return new EvaluationError(
        "operation cancelled: actual cost limit exceeded (budget " + budget + ")", true);
  }

  private static boolean causedByLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BudgetExceeded
          || t instanceof CelIterationLimitExceededException
          || String.valueOf(t.getMessage()).contains("Iteration budget exceeded")) {
        return true;
      }
    }
    return false;
  }

  private static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = e.getMessage();
    if (root != e
        && root.getMessage() != null
        && (msg == null || !msg.contains(root.getMessage()))) {
      msg = (msg == null ? "" : msg + ": ") + root.getMessage();
    }
    return msg == null ? e.getClass().getSimpleName() : msg;
  }

  @Override
  public String toString() {
    return source;
  }
}
