package dev.kordon.report;

import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts for the top of every report.
 *
 * @param findings failed findings (excepted ones are counted apart)
 * @param bySeverity failed findings per severity, every severity present
 */
public record Summary(int objects, int findings, int excepted, Map<Severity, Integer> bySeverity) {

  public Summary {
    bySeverity = Map.copyOf(bySeverity);
  }

  public static Summary of(int objects, List<Finding> findings) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    int failed = 0;
    int excepted = 0;
    for (Finding f : findings) {
      if (f.failed()) {
        failed++;
        counts.merge(f.severity(), 1, Integer::sum);
      } else {
        excepted++;
      }
    }
    return new Summary(objects, failed, excepted, counts);
  }

  public int count(Severity s) {
    return bySeverity.getOrDefault(s, 0);
  }

  /** Failed findings at or above a severity. */
  public int atLeast(Severity threshold) {
    int n = 0;
    for (Severity s : Severity.values()) {
      if (s.atLeast(threshold)) {
        n += count(s);
      }
    }
    return n;
  }
}
