package dev.kordon.report.markdown;

import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Finding;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.ControlSummary;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.ReportWriter;
import dev.kordon.report.SafeText;
import dev.kordon.report.Summary;
import dev.kordon.report.WriterOptions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Markdown for pull-request comments and job summaries: counts, framework scores, the control view,
 * findings grouped by severity (most severe first) with their location, how to fix each failing
 * control, analyzer sections, then input problems. Every piece of input text is escaped.
 *
 * <p>The whole document stays within {@link #LIMIT_BYTES}, under GitHub's 1 MiB limit for a job's
 * step summary: when the findings do not fit, the most severe are kept, whole table rows only, and
 * a line says how many were left out.
 */
public final class MarkdownReportWriter implements ReportWriter {

  /** At most this many bytes (UTF-8) per document: GitHub's step-summary limit is 1 MiB. */
  public static final int LIMIT_BYTES = 1_000_000;

  /** Input errors and notes listed at most, each, before a line says how many more there are. */
  static final int MAX_PROBLEMS = 500;

  /** Room kept for the line that says how many findings were left out. */
  private static final int LEFT_OUT_LINE = 400;

  private final WriterOptions options;

  public MarkdownReportWriter() {
    this(WriterOptions.PLAIN);
  }

  public MarkdownReportWriter(WriterOptions options) {
    this.options = options;
  }

  @Override
  public Format format() {
    return Format.MARKDOWN;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    StringBuilder head = new StringBuilder();
    StringBuilder tail = new StringBuilder();
    if (report.hasFindings()) {
      head.append(
          report.isScan()
              ? "# Kordon report\n\n"
              : "# Kordon: " + MarkdownText.line(report.command()) + "\n\n");
      summary(report, head);
      frameworks(report, head);
      controls(report, head);
      if (!options.controlsOnly()) {
        fixes(report, tail);
      }
    } else {
      head.append("# Kordon: ").append(MarkdownText.line(report.command())).append("\n\n");
    }
    sections(report, tail);
    problems(report, tail);
    tail.append("<sub>")
        .append(MarkdownText.line(report.tool().name() + " " + report.tool().version()))
        .append("</sub>\n");
    out.write(head.toString());
    if (report.hasFindings() && !options.controlsOnly()) {
      long budget = LIMIT_BYTES - LEFT_OUT_LINE - bytes(head) - bytes(tail);
      StringBuilder findings = new StringBuilder();
      findings(report, Math.max(0, budget), findings);
      out.write(findings.toString());
    }
    out.write(tail.toString());
    out.flush();
  }

  private static long bytes(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  private static void summary(Report report, StringBuilder md) {
    Summary s = report.summary();
    md.append("**")
        .append(s.objects())
        .append(s.objects() == 1 ? " object" : " objects")
        .append("** scanned, **")
        .append(s.findings())
        .append(s.findings() == 1 ? " finding" : " findings")
        .append("**");
    if (s.excepted() > 0) {
      md.append(", ").append(s.excepted()).append(" excepted");
    }
    if (!report.errors().isEmpty()) {
      md.append(", ")
          .append(report.errors().size())
          .append(report.errors().size() == 1 ? " input error" : " input errors");
    }
    md.append(".\n\n");
    if (s.shown().isPresent()) {
      md.append("_").append(s.shown().get().describe(s)).append("._\n\n");
    }
    md.append("| Severity | Findings |\n|---|---:|\n");
    for (Severity sev : descending()) {
      md.append("| ").append(sev.word()).append(" | ").append(s.count(sev)).append(" |\n");
    }
    md.append('\n');
  }

  /** The control view: one row per control that ran, most severe and most failed first. */
  private static void controls(Report report, StringBuilder md) {
    if (report.controlSummaries().isEmpty()) {
      return;
    }
    md.append("## Controls\n\n");
    md.append("| Severity | Control | Failed resources | Resources | Compliance |\n")
        .append("|---|---|---:|---:|---:|\n");
    for (ControlSummary c : report.controlSummaries()) {
      md.append("| ")
          .append(c.severity().word())
          .append(" | ")
          .append(MarkdownText.cell(c.controlId()))
          .append(' ')
          .append(MarkdownText.cell(c.title()))
          .append(" | ")
          .append(c.failedResources())
          .append(" | ")
          .append(c.resources())
          .append(" | ")
          .append(c.resources() == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", c.compliance()))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void frameworks(Report report, StringBuilder md) {
    if (report.frameworks().isEmpty()) {
      return;
    }
    md.append("## Frameworks\n\n");
    md.append("| Framework | Score | Controls passed | Controls failed | Not evaluated |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (FrameworkScore fs : report.frameworks()) {
      md.append("| ")
          .append(MarkdownText.cell(fs.name()))
          .append(" (")
          .append(MarkdownText.cell(fs.id()))
          .append(") | ")
          .append(fs.percent())
          .append(" | ")
          .append(fs.passed())
          .append(" | ")
          .append(fs.failed())
          .append(" | ")
          .append(fs.notEvaluated())
          .append(" |\n");
    }
    md.append('\n');
  }

  /**
   * Findings by severity, most severe first, failed before excepted, whole rows while they fit the
   * budget; then one line with what was left out.
   */
  private static void findings(Report report, long budget, StringBuilder md) {
    md.append("## Findings\n\n");
    if (report.findings().isEmpty()) {
      md.append("No findings.\n\n");
      return;
    }
    long left = budget - bytes(md);
    Map<Severity, Integer> leftOut = new EnumMap<>(Severity.class);
    int leftOutExcepted = 0;
    boolean full = false;
    List<List<Finding>> groups = new ArrayList<>();
    List<String> headings = new ArrayList<>();
    for (Severity sev : descending()) {
      List<Finding> group =
          report.findings().stream().filter(f -> f.failed() && f.severity() == sev).toList();
      if (!group.isEmpty()) {
        groups.add(group);
        headings.add(capitalised(sev.word()));
      }
    }
    List<Finding> excepted = report.findings().stream().filter(f -> !f.failed()).toList();
    if (!excepted.isEmpty()) {
      groups.add(excepted);
      headings.add("Excepted");
    }
    for (int g = 0; g < groups.size(); g++) {
      List<Finding> group = groups.get(g);
      boolean isExcepted = headings.get(g).equals("Excepted");
      StringBuilder part = new StringBuilder();
      part.append("### ").append(headings.get(g)).append(" (").append(group.size()).append(")\n\n");
      tableHead(isExcepted, part);
      long partBytes = bytes(part);
      int shown = 0;
      if (!full) {
        for (Finding f : group) {
          String row = row(f, isExcepted);
          long rowBytes = bytes(row);
          if (partBytes + rowBytes + 1 > left) {
            full = true;
            break;
          }
          part.append(row);
          partBytes += rowBytes;
          shown++;
        }
      }
      if (shown > 0) {
        md.append(part).append('\n');
        left -= partBytes + 1;
      }
      for (Finding f : group.subList(shown, group.size())) {
        if (f.failed()) {
          leftOut.merge(f.severity(), 1, Integer::sum);
        } else {
          leftOutExcepted++;
        }
      }
    }
    int total = leftOut.values().stream().mapToInt(Integer::intValue).sum() + leftOutExcepted;
    if (total > 0) {
      List<String> parts = new ArrayList<>();
      for (Severity sev : descending()) {
        if (leftOut.containsKey(sev)) {
          parts.add(leftOut.get(sev) + " " + sev.word());
        }
      }
      if (leftOutExcepted > 0) {
        parts.add(leftOutExcepted + " excepted");
      }
      md.append("**")
          .append(total)
          .append(" of ")
          .append(report.findings().size())
          .append(" findings left out** (")
          .append(String.join(", ", parts))
          .append(") to stay within GitHub's 1 MiB step-summary limit; ")
          .append("`--format json` or `--format sarif` lists them all.\n\n");
    }
  }

  private static void tableHead(boolean excepted, StringBuilder md) {
    md.append("| Control | Resource | Location | Message |")
        .append(excepted ? " Reason |\n|---|---|---|---|---|\n" : "\n|---|---|---|---|\n");
  }

  private static String row(Finding f, boolean excepted) {
    StringBuilder md = new StringBuilder(200);
    String message = f.message();
    if (!excepted && !f.note().isEmpty()) {
      message = message + " (" + f.note() + ")";
    }
    md.append("| ")
        .append(MarkdownText.cell(f.controlId()))
        .append(' ')
        .append(MarkdownText.cell(f.title()))
        .append(" | ")
        .append(MarkdownText.cell(f.resource().display()))
        .append(" | ")
        .append(MarkdownText.cell(f.location().map(l -> l.toString()).orElse("-")))
        .append(" | ")
        .append(MarkdownText.cell(message))
        .append(" |");
    if (excepted) {
      md.append(' ').append(MarkdownText.cell(f.note())).append(" |");
    }
    return md.append('\n').toString();
  }

  /** Each failing control once, with what to change. */
  private static void fixes(Report report, StringBuilder md) {
    Map<String, Finding> first = new LinkedHashMap<>();
    for (Severity sev : descending()) {
      for (Finding f : report.findings()) {
        if (f.failed() && f.severity() == sev) {
          first.putIfAbsent(f.controlId(), f);
        }
      }
    }
    if (first.isEmpty()) {
      return;
    }
    md.append("## How to fix\n\n");
    for (Finding f : first.values()) {
      md.append("- **")
          .append(MarkdownText.line(f.controlId()))
          .append(" ")
          .append(MarkdownText.line(f.title()))
          .append("**: ")
          .append(MarkdownText.line(f.remediation()))
          .append('\n');
    }
    md.append('\n');
  }

  private static void sections(Report report, StringBuilder md) {
    for (ReportSection s : report.sections()) {
      if (!s.title().isEmpty()) {
        md.append("## ").append(MarkdownText.line(s.title())).append("\n\n");
      }
      if (s instanceof ReportSection.Table t) {
        table(t, md);
      } else if (s instanceof ReportSection.Text t) {
        block(t.lines(), md);
      } else if (s instanceof ReportSection.Graph g) {
        block(g.lines(), md);
      }
    }
  }

  private static void table(ReportSection.Table t, StringBuilder md) {
    if (!t.columns().isEmpty()) {
      md.append('|');
      for (String c : t.columns()) {
        md.append(' ').append(MarkdownText.cell(c)).append(" |");
      }
      md.append("\n|").append("---|".repeat(t.columns().size())).append('\n');
      for (List<String> row : t.rows()) {
        md.append('|');
        for (String cell : row) {
          md.append(' ').append(MarkdownText.cell(cell)).append(" |");
        }
        md.append('\n');
      }
      md.append('\n');
    }
    for (String line : t.footer()) {
      md.append(MarkdownText.line(line)).append("\n\n");
    }
  }

  /** Preformatted lines, fenced with more backticks than any run inside them. */
  private static void block(List<String> lines, StringBuilder md) {
    if (lines.isEmpty()) {
      return;
    }
    List<String> safe = lines.stream().map(SafeText::line).toList();
    int longest = 2;
    for (String line : safe) {
      int run = 0;
      for (int i = 0; i < line.length(); i++) {
        run = line.charAt(i) == '`' ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
    }
    String fence = "`".repeat(longest + 1);
    md.append(fence).append("text\n");
    safe.forEach(line -> md.append(line).append('\n'));
    md.append(fence).append("\n\n");
  }

  private static void problems(Report report, StringBuilder md) {
    problems("Input errors", report.errors(), md);
    problems("Notes", report.notes(), md);
  }

  private static void problems(String heading, List<ScanError> list, StringBuilder md) {
    if (list.isEmpty()) {
      return;
    }
    md.append("## ").append(heading).append("\n\n");
    for (ScanError e : list.subList(0, Math.min(list.size(), MAX_PROBLEMS))) {
      md.append("- ").append(MarkdownText.line(e.toString())).append('\n');
    }
    if (list.size() > MAX_PROBLEMS) {
      md.append("- and ")
          .append(list.size() - MAX_PROBLEMS)
          .append(" more (`--format json` lists them all)\n");
    }
    md.append('\n');
  }

  private static List<Severity> descending() {
    List<Severity> out = new ArrayList<>(List.of(Severity.values()));
    java.util.Collections.reverse(out);
    return out;
  }

  private static String capitalised(String word) {
    return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }
}
