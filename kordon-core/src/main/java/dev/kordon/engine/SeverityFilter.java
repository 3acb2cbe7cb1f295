package dev.kordon.engine;

import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.report.Report;
import dev.kordon.report.Summary;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --severity high,critical}: the report lists findings of those severities only. It is
 * applied to a finished report, so the summary's counts, the framework scores and the exit code
 * (all computed before) still cover every finding; the summary says what was left out.
 */
public final class SeverityFilter {
  private final Set<Severity> shown;

  private SeverityFilter(Set<Severity> shown) {
    this.shown = shown;
  }

  /**
   * @param words severity words such as {@code high}; at least one
   * @throws IllegalArgumentException for a word that is no severity, or none at all
   */
  public static SeverityFilter parse(List<String> words) {
    Set<Severity> set = EnumSet.noneOf(Severity.class);
    for (String w : words) {
      String word = w.strip();
      if (!word.isEmpty()) {
        set.add(Severity.parse(word));
      }
    }
    if (set.isEmpty()) {
      throw new IllegalArgumentException("name at least one of: low, medium, high, critical");
    }
    return new SeverityFilter(set);
  }

  public Report apply(Report report) {
    List<Finding> kept =
        report.findings().stream().filter(f -> shown.contains(f.severity())).toList();
    int failed = (int) kept.stream().filter(Finding::failed).count();
    Summary summary =
        report
            .summary()
            .withShown(new Summary.Shown(List.copyOf(shown), failed, kept.size() - failed));
    return new Report(
            report.tool(),
            summary,
            kept,
            report.frameworks(),
            report.errors(),
            report.notes(),
            report.controls(),
            report.resources(),
            report.sections(),
            report.command())
        .withControlSummaries(
            report.controlSummaries().stream().filter(c -> shown.contains(c.severity())).toList());
  }
}
