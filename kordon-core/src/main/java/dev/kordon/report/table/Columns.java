package dev.kordon.report.table;

import java.util.List;

/** Aligns rows of cells into columns; the first row is the header. */
public final class Columns {
  private Columns() {}

  public static String render(List<List<String>> rows, String indent) {
    int cols = rows.isEmpty() ? 0 : rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> row : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < cols; i++) {
        line.append(row.get(i));
        if (i < cols - 1) {
          line.append(" ".repeat(width[i] - row.get(i).length() + 2));
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
