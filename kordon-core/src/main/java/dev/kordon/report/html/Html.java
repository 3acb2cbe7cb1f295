package dev.kordon.report.html;

import dev.kordon.report.SafeText;

/**
 * Escaping for HTML text and quoted attribute values. Control characters other than tab and line
 * breaks are dropped: they have no business in a report and some browsers mis-handle them.
 */
final class Html {
  private Html() {}

  static String escape(String s) {
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
        case '\'':
          sb.append("&#39;");
          break;
        case '\t':
        case '\n':
          sb.appendCodePoint(cp);
          break;
        default:
          if (SafeText.unsafe(cp) || Character.isISOControl(cp)) {
            break;
          }
          sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }
}
