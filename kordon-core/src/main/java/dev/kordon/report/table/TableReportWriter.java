package dev.kordon.report.table;

import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Finding;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.ControlSummary;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.ReportWriter;
import dev.kordon.report.SafeText;
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
  private final boolean controlsOnly;
  private final boolean problemsOnScreen;

  public TableReportWriter(WriterOptions options) {
    this.ansi = new Ansi(options.colour());
    this.controlsOnly = options.controlsOnly();
    this.problemsOnScreen = options.problemsOnScreen();
  }

  @Override
  public Format format() {
    return Format.TABLE;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    if (!report.hasFindings()) {
      // an analyzer's result is its sections; its errors and notes went to standard error
      analysis(report, sb);
      out.write(sb.toString());
      out.flush();
      return;
    }
    if (controlsOnly) {
      controls(report, sb);
    } else {
      findings(report, sb, out);
    }
    sections(report, sb);
    frameworks(report, sb);
    problems(report, sb);
    summary(report, sb);
    out.write(sb.toString());
    out.flush();
  }

  /** Writes each object's group as soon as it is formatted: the text of a big scan is large. */
  private void findings(Report report, StringBuilder sb, Writer out) throws IOException {
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
      sb.append(ansi.bold(SafeText.line(ref.display())));
      if (!where.isBlank()) {
        sb.append("  ").append(ansi.dim(SafeText.line(where.trim())));
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
            .append(SafeText.line(f.message()))
            .append('\n');
        if (!f.failed() || !f.note().isEmpty()) {
          sb.append("          ")
              .append(ansi.dim("(" + SafeText.line(f.note()) + ")"))
              .append('\n');
        }
      }
      sb.append('\n');
      out.append(sb);
      sb.setLength(0);
    }
  }

  /** The control view: one line per control, kubescape's default summary. */
  private void controls(Report report, StringBuilder sb) {
    if (report.controlSummaries().isEmpty()) {
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("SEVERITY", "CONTROL", "TITLE", "FAILED", "RESOURCES", "COMPLIANCE"));
    for (ControlSummary c : report.controlSummaries()) {
      rows.add(
          List.of(
              c.severity().word(),
              SafeText.line(c.controlId()),
              SafeText.line(c.title()),
              Integer.toString(c.failedResources()),
              Integer.toString(c.resources()),
              c.resources() == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", c.compliance())));
    }
    String[] lines = Columns.render(rows, "").split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      if (i == 0) {
        sb.append(ansi.bold(lines[i]));
      } else {
        ControlSummary c = report.controlSummaries().get(i - 1);
        sb.append(c.failed() ? ansi.severity(c.severity(), lines[i]) : lines[i]);
      }
      sb.append('\n');
    }
    sb.append('\n');
  }

  private void analysis(Report report, StringBuilder sb) {
    boolean first = true;
    for (ReportSection s : report.sections()) {
      if (!first) {
        sb.append('\n');
      }
      first = false;
      section(s, "", sb);
    }
  }

  private void sections(Report report, StringBuilder sb) {
    for (ReportSection s : report.sections()) {
      section(s, "  ", sb);
      sb.append('\n');
    }
  }

  /** Title, then the body: aligned cells, or the lines as they are (one value, one line). */
  private void section(ReportSection s, String indent, StringBuilder sb) {
    if (!s.title().isEmpty()) {
      sb.append(ansi.bold(SafeText.line(s.title()))).append('\n');
    }
    if (s instanceof ReportSection.Table t) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(clean(t.columns()));
      for (List<String> row : t.rows()) {
        rows.add(clean(row));
      }
      sb.append(Columns.render(rows, indent));
      lines(t.footer(), indent, sb);
    } else if (s instanceof ReportSection.Text t) {
      lines(t.lines(), indent, sb);
    } else if (s instanceof ReportSection.Graph g) {
      lines(g.lines(), indent, sb);
    }
  }

  private static void lines(List<String> lines, String indent, StringBuilder sb) {
    for (String line : lines) {
      sb.append(indent).append(SafeText.line(line)).append('\n');
    }
  }

  private static List<String> clean(List<String> cells) {
    return cells.stream().map(SafeText::line).toList();
  }

  private void frameworks(Report report, StringBuilder sb) {
    if (report.frameworks().isEmpty()) {
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("FRAMEWORK", "SCORE", "CONTROLS PASSED", "FAILED", "NOT EVALUATED"));
    for (FrameworkScore fs : report.frameworks()) {
      rows.add(
          List.of(
              SafeText.line(fs.name() + " (" + fs.id() + ")"),
              fs.percent(),
              Integer.toString(fs.passed()),
              Integer.toString(fs.failed()),
              Integer.toString(fs.notEvaluated())));
    }
    sb.append(Columns.render(rows, "")).append('\n');
  }

  private void problems(Report report, StringBuilder sb) {
    if (problemsOnScreen) {
      return; // printed a moment ago on the same terminal; the summary line still counts them
    }
    for (ScanError e : report.errors()) {
      sb.append(ansi.severity(Severity.CRITICAL, "error"))
          .append(": ")
          .append(SafeText.line(e.toString()))
          .append('\n');
    }
    for (ScanError e : report.notes()) {
      sb.append(ansi.dim("note: " + SafeText.line(e.toString()))).append('\n');
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
    if (s.shown().isPresent()) {
      sb.append(ansi.dim(s.shown().get().describe(s))).append('\n');
    }
    if (s.findings() > 0) {
      sb.append(ansi.dim("How to fix: kordon controls explain <ID>")).append('\n');
    }
  }
}
