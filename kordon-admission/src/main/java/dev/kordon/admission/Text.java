package dev.kordon.admission;

/**
 * Text that goes back to the API server: messages and warnings quote values from the object, which
 * anyone could have written. Control characters are replaced, so that a value cannot forge lines of
 * a message, and very long texts are cut.
 */
final class Text {
  private Text() {}

  /** Longest single line the webhook returns; the API server cuts warnings above 256 anyway. */
  static final int MAX_LINE = 512;

  static String printable(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean bad = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (bad && sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(bad ? '?' : c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** Printable and at most {@link #MAX_LINE} characters. */
  static String line(String s) {
    String p = printable(s);
    return p.length() > MAX_LINE ? p.substring(0, MAX_LINE - 3) + "..." : p;
  }
}
