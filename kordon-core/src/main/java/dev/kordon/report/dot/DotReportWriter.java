package dev.kordon.report.dot;

import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.ReportWriter;
import dev.kordon.report.SafeText;
import java.io.IOException;
import java.io.Writer;

/**
 * Graphviz DOT: one digraph per graph section (escalation paths, reachability), left to right.
 * Every id and label is a quoted DOT string, made safe first: input text can neither end the string
 * nor reach a terminal raw when the file is printed.
 */
public final class DotReportWriter implements ReportWriter {

  @Override
  public Format format() {
    return Format.DOT;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    boolean any = false;
    for (ReportSection s : report.sections()) {
      if (s instanceof ReportSection.Graph g) {
        graph(g, sb);
        any = true;
      }
    }
    if (!any) {
      sb.append("digraph kordon {\n}\n");
    }
    out.write(sb.toString());
    out.flush();
  }

  private static void graph(ReportSection.Graph g, StringBuilder sb) {
    sb.append("digraph kordon_").append(g.id().replaceAll("[^A-Za-z0-9]", "_")).append(" {\n");
    sb.append("  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    for (ReportSection.Node n : g.nodes()) {
      sb.append("  ").append(quote(n.id())).append(" [label=").append(quote(n.label()));
      if (n.highlighted()) {
        sb.append(", style=filled, fillcolor=\"#f4cccc\"");
      }
      sb.append("];\n");
    }
    for (ReportSection.Edge e : g.edges()) {
      sb.append("  ")
          .append(quote(e.from()))
          .append(" -> ")
          .append(quote(e.to()))
          .append(" [label=")
          .append(quote(e.label()));
      if (!e.tooltip().isEmpty()) {
        sb.append(", tooltip=").append(quote(e.tooltip()));
      }
      sb.append("];\n");
    }
    sb.append("}\n");
  }

  /** A DOT double-quoted string: backslashes and quotes escaped, unsafe characters replaced. */
  static String quote(String s) {
    return "\"" + SafeText.line(s).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
