package dev.kordon.report;

import java.util.List;

/**
 * One result of an analyzer (who-can, risks, escalation paths, reachability, Pod Security verdicts,
 * the control catalog), fully computed, in a shape every writer can render without knowing the
 * analyzer. Each variant carries the human view (cells, lines, a graph) and, for JSON, the typed
 * records the analyzer answered with ({@link #data()}); Jackson serializes records as they are, so
 * the JSON of a section is exactly its data.
 */
public sealed interface ReportSection
    permits ReportSection.Table, ReportSection.Text, ReportSection.Graph {

  /** Stable identifier, also the section's key in JSON. */
  String id();

  /** Heading for people; may be empty. */
  String title();

  /**
   * What JSON writes as this section's {@code data}: typed records or lists of them, or null to let
   * the writer derive it from the human view (a table's rows keyed by column, a text's lines).
   */
  Object data();

  /** The kind word written to JSON: table, text or graph. */
  String kind();

  /**
   * Aligned columns with a first row of headers.
   *
   * @param footer lines printed after the table (counts, legends)
   */
  record Table(
      String id,
      String title,
      List<String> columns,
      List<List<String>> rows,
      List<String> footer,
      Object data)
      implements ReportSection {

    public Table {
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
      footer = List.copyOf(footer);
      for (List<String> row : rows) {
        if (row.size() != columns.size()) {
          throw new IllegalArgumentException(
              "section "
                  + id
                  + ": row has "
                  + row.size()
                  + " cells for "
                  + columns.size()
                  + " columns");
        }
      }
    }

    @Override
    public String kind() {
      return "table";
    }
  }

  /** Lines of prose or a preformatted block (a verdict, a reachability grid, YAML). */
  record Text(String id, String title, List<String> lines, Object data) implements ReportSection {

    public Text {
      lines = List.copyOf(lines);
    }

    @Override
    public String kind() {
      return "text";
    }
  }

  /**
   * A directed graph for {@code --format dot}, with the same result as lines for the text formats.
   */
  record Graph(
      String id, String title, List<String> lines, List<Node> nodes, List<Edge> edges, Object data)
      implements ReportSection {

    public Graph {
      lines = List.copyOf(lines);
      nodes = List.copyOf(nodes);
      edges = List.copyOf(edges);
    }

    @Override
    public String kind() {
      return "graph";
    }
  }

  /** A node of a {@link Graph}; {@code highlighted} marks a goal such as cluster-admin. */
  record Node(String id, String label, boolean highlighted) {}

  /** An edge of a {@link Graph}; the tooltip may be empty. */
  record Edge(String from, String to, String label, String tooltip) {}

  /** A table whose JSON form is its rows keyed by column name. */
  static Table table(String id, String title, List<String> columns, List<List<String>> rows) {
    return new Table(id, title, columns, rows, List.of(), null);
  }
}
