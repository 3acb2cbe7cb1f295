package dev.kordon.report.table;

import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Finding;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.ReportWriter;
import dev.kordon.report.WriterOptions;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The default, human format: findings grouped by resource, one line each with the line number,
 * severity, control and message; then framework scores and a summary. Composed of section
 * renderers, one method each.
 */
public final class TableReportWriter implements ReportWriter {

  private final Ansi ansi;

  public TableReportWriter(WriterOptions options) {
    this.ansi = new Ansi(options.colour());
  }

  @Override
  public Format format() {
    return Format.TABLE;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    findings(report, sb);
    sections(report, sb);
    frameworks(report, sb);
    problems(report, sb);
    summary(report, sb);
    out.write(sb.toString());
    out.flush();
  }

  private void findings(Report report, StringBuilder sb) {
    Map<String, List<Finding>> groups = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      String file = f.location().map(l -> l.file()).orElse("cluster");
      groups
          .computeIfAbsent(file + "\u0000" + f.resource().display(), k -> new ArrayList<>())
          .add(f);
    }
    for (List<Finding> group : groups.values()) {
      Finding first = group.get(0);
      ObjectRef ref = first.resource();
      String where = first.location().map(l -> l.file() + "  ").orElse("");
      sb.append(ansi.bold(TerminalText.clean(ref.display())));
      if (!where.isBlank()) {
        sb.append("  ").append(ansi.dim(TerminalText.clean(where.trim())));
      }
      sb.append('\n');
      for (Finding f : group) {
        String line = f.location().map(l -> l.line() + ":" + l.column()).orElse("-");
        String sev = String.format(Locale.ROOT, "%-8s", f.severity().word());
        sb.append("  ")
            .append(String.format(Locale.ROOT, "%-7s", line))
            .append(' ')
            .append(f.failed() ? ansi.severity(f.severity(), sev) : ansi.dim("excepted"))
            .append(' ')
            .append(f.controlId())
            .append("  ")
            .append(TerminalText.clean(f.message()))
            .append('\n');
        if (!f.failed() || !f.note().isEmpty()) {
          sb.append("          ")
              .append(ansi.dim("(" + TerminalText.clean(f.note()) + ")"))
              .append('\n');
        }
      }
      sb.append('\n');
    }
  }

  private void sections(Report report, StringBuilder sb) {
    for (ReportSection s : report.sections()) {
      sb.append(ansi.bold(TerminalText.clean(s.title()))).append('\n');
      List<List<String>> rows = new ArrayList<>();
      rows.add(clean(s.columns()));
      for (List<String> row : s.rows()) {
        rows.add(clean(row));
      }
      sb.append(Columns.render(rows, "  ")).append('\n');
    }
  }

  private static List<String> clean(List<String> cells) {
    return cells.stream().map(TerminalText::clean).toList();
  }

  private void frameworks(Report report, StringBuilder sb) {
    if (report.frameworks().isEmpty()) {
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("FRAMEWORK", "SCORE", "CONTROLS PASSED", "FAILED"));
    for (FrameworkScore fs : report.frameworks()) {
      rows.add(
          List.of(
              TerminalText.clean(fs.name() + " (" + fs.id() + ")"),
              String.format(Locale.ROOT, "%.1f%%", fs.score()),
              Integer.toString(fs.passed()),
              Integer.toString(fs.failed())));
    }
    sb.append(Columns.render(rows, "")).append('\n');
  }

  private void problems(Report report, StringBuilder sb) {
    for (ScanError e : report.errors()) {
      sb.append(ansi.severity(Severity.CRITICAL, "error"))
          .append(": ")
          .append(TerminalText.clean(e.toString()))
          .append('\n');
    }
    for (ScanError e : report.notes()) {
      sb.append(ansi.dim("note: " + TerminalText.clean(e.toString()))).append('\n');
    }
    if (!report.errors().isEmpty() || !report.notes().isEmpty()) {
      sb.append('\n');
    }
  }

  private void summary(Report report, StringBuilder sb) {
    var s = report.summary();
    sb.append(s.objects()).append(s.objects() == 1 ? " object, " : " objects, ");
    if (s.findings() == 0) {
      sb.append(ansi.green("no findings"));
    } else {
      sb.append(s.findings()).append(s.findings() == 1 ? " finding: " : " findings: ");
      List<String> parts = new ArrayList<>();
      for (int i = Severity.values().length - 1; i >= 0; i--) {
        Severity sev = Severity.values()[i];
        parts.add(ansi.severity(sev, s.count(sev) + " " + sev.word()));
      }
      sb.append(String.join(", ", parts));
    }
    if (s.excepted() > 0) {
      sb.append(" (").append(s.excepted()).append(" excepted)");
    }
    if (!report.errors().isEmpty()) {
      sb.append("; ").append(report.errors().size()).append(" input error");
      sb.append(report.errors().size() == 1 ? "" : "s");
    }
    sb.append('\n');
    if (s.findings() > 0) {
      sb.append(ansi.dim("How to fix: kordon controls explain <ID>")).append('\n');
    }
  }
}
