package dev.kordon.report.table;

/**
 * Makes input text safe to print on a terminal: an object name or message carrying escape sequences
 * could otherwise recolour, move the cursor or rewrite earlier lines. Line breaks and tabs become
 * spaces (one finding, one line); other control characters and bidirectional overrides become
 * {@code ?}.
 */
final class TerminalText {
  private TerminalText() {}

  static String clean(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      char replacement;
      if (ch == '\n' || ch == '\r' || ch == '\t') {
        replacement = ' ';
      } else if (Character.isISOControl(ch)
          || ch >= '\u202a' && ch <= '\u202e'
          || ch >= '\u2066' && ch <= '\u2069') {
        replacement = '?';
      } else {
        if (sb != null) {
          sb.append(ch);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      sb.append(replacement);
    }
    return sb == null ? s : sb.toString();
  }
}
