package dev.kordon.rules;

import dev.cel.common.ast.CelExpr;

/**
 * A worst-case cost estimate of a checked expression, in the spirit of the API server's static
 * estimator: one unit per node, and every comprehension (all, exists, map, filter, ...) costs its
 * body times the size of the list it ranges over. Without a schema, a list read from the object is
 * assumed to hold {@link #ASSUMED_LIST_SIZE} elements; a literal list counts its elements.
 * Saturates instead of overflowing.
 */
final class CostEstimate {

  /** The size assumed for a list whose size is unknown before evaluation. */
  static final long ASSUMED_LIST_SIZE = 1_000;

  private CostEstimate() {}

  static long of(CelExpr expr) {
    switch (expr.getKind()) {
      case CONSTANT:
      case IDENT:
      case NOT_SET:
        return 1;
      case SELECT:
        return plus(1, of(expr.select().operand()));
      case CALL:
        {
          long cost = 1;
          if (expr.call().target().isPresent()) {
            cost = plus(cost, of(expr.call().target().get()));
          }
          for (CelExpr arg : expr.call().args()) {
            cost = plus(cost, of(arg));
          }
          return cost;
        }
      case LIST:
        {
          long cost = 1;
          for (CelExpr e : expr.list().elements()) {
            cost = plus(cost, of(e));
          }
          return cost;
        }
      case MAP:
        {
          long cost = 1;
          for (CelExpr.CelMap.Entry e : expr.map().entries()) {
            cost = plus(cost, plus(of(e.key()), of(e.value())));
          }
          return cost;
        }
      case STRUCT:
        {
          long cost = 1;
          for (CelExpr.CelStruct.Entry e : expr.struct().entries()) {
            cost = plus(cost, of(e.value()));
          }
          return cost;
        }
      case COMPREHENSION:
        {
          CelExpr.CelComprehension c = expr.comprehension();
          long size =
              c.iterRange().getKind() == CelExpr.ExprKind.Kind.LIST
                  ? c.iterRange().list().elements().size()
                  : ASSUMED_LIST_SIZE;
          long perIteration = plus(of(c.loopCondition()), of(c.loopStep()));
          long cost = plus(of(c.iterRange()), plus(of(c.accuInit()), of(c.result())));
          return plus(cost, times(size, perIteration));
        }
      default:
        return 1;
    }
  }

  private static long plus(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  private static long times(long a, long b) {
    if (a != 0 && b > Long.MAX_VALUE / a) {
      return Long.MAX_VALUE;
    }
    return a * b;
  }
}
