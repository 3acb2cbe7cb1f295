package dev.kordon.report.markdown;

import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Finding;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.ReportWriter;
import dev.kordon.report.SafeText;
import dev.kordon.report.Summary;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Markdown for pull-request comments and job summaries: counts, framework scores, findings grouped
 * by severity (most severe first) with their location, how to fix each failing control, analyzer
 * sections, then input problems. Every piece of input text is escaped.
 */
public final class MarkdownReportWriter implements ReportWriter {

  @Override
  public Format format() {
    return Format.MARKDOWN;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    StringBuilder md = new StringBuilder();
    if (report.isScan()) {
      md.append("# Kordon report\n\n");
      summary(report, md);
      frameworks(report, md);
      findings(report, md);
      fixes(report, md);
    } else {
      md.append("# Kordon: ").append(MarkdownText.line(report.command())).append("\n\n");
    }
    sections(report, md);
    problems(report, md);
    md.append("<sub>")
        .append(MarkdownText.line(report.tool().name() + " " + report.tool().version()))
        .append("</sub>\n");
    out.write(md.toString());
    out.flush();
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
    md.append("| Severity | Findings |\n|---|---:|\n");
    for (Severity sev : descending()) {
      md.append("| ").append(sev.word()).append(" | ").append(s.count(sev)).append(" |\n");
    }
    md.append('\n');
  }

  private static void frameworks(Report report, StringBuilder md) {
    if (report.frameworks().isEmpty()) {
      return;
    }
    md.append("## Frameworks\n\n");
    md.append("| Framework | Score | Controls passed | Controls failed |\n|---|---:|---:|---:|\n");
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
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void findings(Report report, StringBuilder md) {
    md.append("## Findings\n\n");
    if (report.findings().isEmpty()) {
      md.append("No findings.\n\n");
      return;
    }
    for (Severity sev : descending()) {
      List<Finding> group =
          report.findings().stream().filter(f -> f.failed() && f.severity() == sev).toList();
      if (group.isEmpty()) {
        continue;
      }
      md.append("### ")
          .append(capitalised(sev.word()))
          .append(" (")
          .append(group.size())
          .append(")\n\n");
      table(group, false, md);
    }
    List<Finding> excepted = report.findings().stream().filter(f -> !f.failed()).toList();
    if (!excepted.isEmpty()) {
      md.append("### Excepted (").append(excepted.size()).append(")\n\n");
      table(excepted, true, md);
    }
  }

  private static void table(List<Finding> findings, boolean excepted, StringBuilder md) {
    md.append("| Control | Resource | Location | Message |")
        .append(excepted ? " Reason |\n|---|---|---|---|---|\n" : "\n|---|---|---|---|\n");
    for (Finding f : findings) {
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
      md.append('\n');
    }
    md.append('\n');
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
    if (!report.errors().isEmpty()) {
      md.append("## Input errors\n\n");
      for (ScanError e : report.errors()) {
        md.append("- ").append(MarkdownText.line(e.toString())).append('\n');
      }
      md.append('\n');
    }
    if (!report.notes().isEmpty()) {
      md.append("## Notes\n\n");
      for (ScanError e : report.notes()) {
        md.append("- ").append(MarkdownText.line(e.toString())).append('\n');
      }
      md.append('\n');
    }
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
