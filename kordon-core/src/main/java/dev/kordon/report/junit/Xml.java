package dev.kordon.report.junit;

import dev.kordon.report.SafeText;

/**
 * Escaping for XML 1.0 text and attribute values. Characters XML 1.0 cannot carry at all (most C0
 * controls, lone surrogates, U+FFFE, U+FFFF) are dropped, so that hostile input never makes the
 * document ill-formed.
 */
final class Xml {
  private Xml() {}

  static String text(String s) {
    return escape(s, false);
  }

  /** For a double-quoted attribute; line breaks and tabs as references so parsers keep them. */
  static String attribute(String s) {
    return escape(s, true);
  }

  static boolean allowed(int cp) {
    return cp == 0x9
        || cp == 0xA
        || cp == 0xD
        || cp >= 0x20 && cp <= 0xD7FF
        || cp >= 0xE000 && cp <= 0xFFFD
        || cp >= 0x10000 && cp <= 0x10FFFF;
  }

  private static String escape(String s, boolean attribute) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (!allowed(cp) || SafeText.unsafe(cp)) {
        continue; // not XML 1.0, or a bidirectional override that would disguise the text
      }
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
          sb.append(attribute ? "&quot;" : "\"");
          break;
        case '\n':
          sb.append(attribute ? "&#10;" : "\n");
          break;
        case '\r':
          sb.append("&#13;");
          break;
        case '\t':
          sb.append(attribute ? "&#9;" : "\t");
          break;
        default:
          sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }
}
