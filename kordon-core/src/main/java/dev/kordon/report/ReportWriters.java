package dev.kordon.report;

import dev.kordon.report.dot.DotReportWriter;
import dev.kordon.report.html.HtmlReportWriter;
import dev.kordon.report.json.JsonReportWriter;
import dev.kordon.report.junit.JunitReportWriter;
import dev.kordon.report.markdown.MarkdownReportWriter;
import dev.kordon.report.sarif.SarifReportWriter;
import dev.kordon.report.table.TableReportWriter;
import java.util.List;

/** The writer of every format: an explicit list, one per {@link Format}. */
public final class ReportWriters {
  private ReportWriters() {}

  public static List<ReportWriter> all(WriterOptions options) {
    return List.of(
        new TableReportWriter(options),
        new JsonReportWriter(options),
        new SarifReportWriter(),
        new JunitReportWriter(),
        new MarkdownReportWriter(options),
        new HtmlReportWriter(options),
        new DotReportWriter());
  }

  public static ReportWriter forFormat(Format format, WriterOptions options) {
    for (ReportWriter w : all(options)) {
      if (w.format() == format) {
        return w;
      }
    }
    throw new IllegalArgumentException("no writer for format " + format.word());
  }
}
