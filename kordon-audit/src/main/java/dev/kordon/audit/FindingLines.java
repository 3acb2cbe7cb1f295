package dev.kordon.audit;

import dev.kordon.model.Finding;
import dev.kordon.report.JsonOutput;
import dev.kordon.report.SafeText;
import dev.kordon.report.json.JsonReportWriter;
import java.util.Locale;

/**
 * One line per finding, for {@code kordon audit --follow}: each finding is printed as it opens,
 * before the stream ends (JSON lines, or a line of text).
 */
public final class FindingLines {
  private FindingLines() {}

  /** The finding as the JSON report writes it, on one line. */
  public static String json(Finding f) {
    return JsonOutput.mapper().writeValueAsString(JsonReportWriter.finding(f)).replace("\n", "");
  }

  /** {@code TIME SEVERITY ID message}, sanitized. */
  public static String text(Finding f) {
    return SafeText.line(
        f.evidence().firstSeen()
            + "  "
            + f.severity().word().toUpperCase(Locale.ROOT)
            + "  "
            + f.controlId()
            + "  "
            + f.message());
  }
}
