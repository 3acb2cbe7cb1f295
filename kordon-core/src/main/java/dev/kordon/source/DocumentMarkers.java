package dev.kordon.source;

import java.util.Arrays;

/**
 * The lines of a YAML text and which of them open a document: {@code ---} at column 0, followed by
 * a blank or the end of the line. YAML 1.2 gives such a line no other meaning (inside a block
 * scalar, a quoted string or a flow collection it ends the document or is an error), so reading can
 * resume there after a syntax error.
 */
final class DocumentMarkers {

  private final String text;
  private final int[] lineStarts;

  DocumentMarkers(String text) {
    this.text = text;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean lineBreak =
          c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
      if (lineBreak) {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  /** The 0-based index of the first marker line at or after {@code line}, or -1. */
  int nextAtOrAfter(int line) {
    for (int l = Math.max(0, line); l < lineStarts.length; l++) {
      if (isMarker(lineStarts[l])) {
        return l;
      }
    }
    return -1;
  }

  /** The offset in the text where a 0-based line starts. */
  int offsetOfLine(int line) {
    return lineStarts[line];
  }

  private boolean isMarker(int at) {
    if (!text.startsWith("---", at)) {
      return false;
    }
    int after = at + 3;
    if (after == text.length()) {
      return true;
    }
    char c = text.charAt(after);
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
