package dev.kordon.report.sarif;

import dev.kordon.model.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which findings a SARIF run carries when there are more than a code-scanning service accepts:
 * failed before excepted, then the most severe, ties in report order; the kept findings stay in
 * report order.
 *
 * @param kept the findings to write, in report order
 * @param leftOut how many were left out
 */
record ResultCap(List<Finding> kept, int leftOut) {

  /** GitHub code scanning accepts at most this many results per run. */
  static final int GITHUB_MAX_RESULTS = 25_000;

  ResultCap {
    kept = List.copyOf(kept);
  }

  static ResultCap of(List<Finding> findings, int max) {
    if (findings.size() <= max) {
      return new ResultCap(findings, 0);
    }
    Comparator<Integer> rank =
        Comparator.<Integer, Boolean>comparing(i -> !findings.get(i).failed())
            .thenComparing(i -> findings.get(i).severity(), Comparator.reverseOrder())
            .thenComparingInt(i -> i);
    boolean[] keep = new boolean[findings.size()];
    IntStream.range(0, findings.size())
        .boxed()
        .sorted(rank)
        .limit(max)
        .forEach(i -> keep[i] = true);
    List<Finding> kept = new ArrayList<>(max);
    for (int i = 0; i < findings.size(); i++) {
      if (keep[i]) {
        kept.add(findings.get(i));
      }
    }
    return new ResultCap(kept, findings.size() - max);
  }
}
