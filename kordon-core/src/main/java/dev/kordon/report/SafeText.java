package dev.kordon.report;

/**
 * The one rule for text that came from inputs (object names, labels, messages): which characters
 * must never reach a terminal, a document or a graph raw. An escape sequence in a pod name could
 * otherwise recolour the terminal, move the cursor or rewrite earlier lines; a bidirectional
 * override could disguise the text. Every renderer applies this rule; each format keeps its own
 * escaping (HTML entities, Markdown backslashes, XML references, DOT quotes) on top of it.
 */
public final class SafeText {
  private SafeText() {}

  /**
   * Whether a code point is unsafe anywhere: C0 and C1 controls other than tab and line breaks,
   * lone surrogates, the non-characters U+FFFE and U+FFFF, and bidirectional overrides and
   * isolates. Tab and line breaks are left to each format (a table cell turns them into spaces, a
   * document keeps them).
   */
  public static boolean unsafe(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    return Character.isISOControl(cp)
        || cp >= 0xD800 && cp <= 0xDFFF
        || cp == 0xFFFE
        || cp == 0xFFFF
        || cp >= 0x202A && cp <= 0x202E
        || cp >= 0x2066 && cp <= 0x2069;
  }

  /**
   * Text for one line of a terminal or a plain-text file: line breaks and tabs become spaces (one
   * value, one line, no forged rows), unsafe characters become {@code ?}.
   */
  public static String line(String s) {
    StringBuilder sb = null;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      String replacement;
      if (cp == '\n' || cp == '\r' || cp == '\t') {
        replacement = " ";
      } else if (unsafe(cp)) {
        replacement = "?";
      } else {
        if (sb != null) {
          sb.appendCodePoint(cp);
        }
        i = next;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      sb.append(replacement);
      i = next;
    }
    return sb == null ? s : sb.toString();
  }
}
