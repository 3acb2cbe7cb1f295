package dev.kordon.report.markdown;

import dev.kordon.report.SafeText;

/**
 * Makes input text inert inside GitHub-flavoured Markdown: no table breaks, no code spans, no HTML,
 * no links or emphasis, no {@code @mentions}, one line per cell.
 */
final class MarkdownText {
  private MarkdownText() {}

  /** Text for a table cell: everything escaped, line breaks as {@code <br>}. */
  static String cell(String s) {
    return inline(s).replace("\r\n", "\n").replace('\r', '\n').replace("\n", "<br>");
  }

  /** Text for a paragraph or list item on one line: like a cell, with line breaks as spaces. */
  static String line(String s) {
    return inline(s).replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
  }

  private static String inline(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '&':
          sb.append("&amp;");
          break;
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        case '"':
          sb.append("&quot;");
          break;
        case '@':
          sb.append("&#64;");
          break;
        case '|':
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '~':
        case '#':
        case '!':
          sb.append('\\').appendCodePoint(cp);
          break;
        case '\n':
        case '\r':
          sb.appendCodePoint(cp);
          break;
        case '\t':
          sb.append(' ');
          break;
        default:
          if (SafeText.unsafe(cp) || Character.isISOControl(cp)) {
            break; // invisible and sometimes harmful (terminal escapes): dropped
          }
          sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }
}
