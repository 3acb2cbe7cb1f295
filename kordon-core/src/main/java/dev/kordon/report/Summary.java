package dev.kordon.report;

import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts for the top of every report.
 *
 * @param findings failed findings (excepted ones are counted apart)
 * @param bySeverity failed findings per severity, every severity present
 * @param shown when the report lists only some severities ({@code --severity}): which, and how many
 *     findings it lists; the other counts, scores and the exit code still cover every finding
 */
public record Summary(
    int objects,
    int findings,
    int excepted,
    Map<Severity, Integer> bySeverity,
    Optional<Shown> shown) {

  /**
   * What a severity filter left in a report.
   *
   * @param severities the severities listed, lowest first
   * @param findings failed findings listed
   * @param excepted excepted findings listed
   */
  public record Shown(List<Severity> severities, int findings, int excepted) {
    public Shown {
      severities = List.copyOf(severities);
    }

    /** One line for human formats, e.g. "showing high, critical findings only: 3 of 12 ...". */
    public String describe(Summary all) {
      List<String> words = new java.util.ArrayList<>();
      for (int i = severities.size() - 1; i >= 0; i--) {
        words.add(severities.get(i).word());
      }
      return "showing "
          + String.join(", ", words)
          + " findings only: "
          + findings
          + " of "
          + all.findings()
          + (excepted > 0 || all.excepted() > 0
              ? " (" + excepted + " of " + all.excepted() + " excepted)"
              : "")
          + "; counts, scores and the exit code cover every finding";
    }
  }

  public Summary {
    bySeverity = Map.copyOf(bySeverity);
    shown = java.util.Objects.requireNonNull(shown);
  }

  public Summary(int objects, int findings, int excepted, Map<Severity, Integer> bySeverity) {
    this(objects, findings, excepted, bySeverity, Optional.empty());
  }

  /** This summary, saying that the report lists only what {@code shown} describes. */
  public Summary withShown(Shown s) {
    return new Summary(objects, findings, excepted, bySeverity, Optional.of(s));
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
    return new Summary(objects, failed, excepted, counts, Optional.empty());
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
