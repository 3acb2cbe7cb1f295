package dev.kordon.report;

import java.util.List;

/**
 * An analyzer's extra (PSS summary, RBAC paths, reachability) as a titled table, so that every
 * writer can render it without knowing the analyzer.
 */
public record ReportSection(
    String id, String title, List<String> columns, List<List<String>> rows) {

  public ReportSection {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
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
}
