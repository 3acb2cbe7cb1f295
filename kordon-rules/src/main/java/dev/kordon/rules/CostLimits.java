package dev.kordon.rules;

/**
 * Bounds on what one expression may cost, like the API server's: an estimated cost checked when it
 * is compiled, and a runtime budget counted while it runs (one unit per evaluated node, plus a
 * tenth of the length of every string a function builds). Neither depends on the clock.
 *
 * @param estimatedPerExpression compile-time refusal threshold (API server: 10,000,000 for the
 *     static estimate of one expression, after schema-derived list sizes)
 * @param runtimePerExpression evaluation stops beyond this (API server: 1,000,000 per call)
 * @param maxIterations cel-java's own bound on the iterations of one comprehension
 */
public record CostLimits(
    long estimatedPerExpression, long runtimePerExpression, int maxIterations) {

  public static final CostLimits DEFAULT = new CostLimits(10_000_000, 1_000_000, 100_000);

  public CostLimits {
    if (estimatedPerExpression <= 0 || runtimePerExpression <= 0 || maxIterations <= 0) {
      throw new IllegalArgumentException("cost limits must be positive");
    }
  }
}
