package dev.kordon.server;

import dev.kordon.report.SafeText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Escaping for everything the dashboard writes: one function for text and quoted attributes (HTML
 * and inline SVG alike), and URL builders that percent-encode each path segment and query value.
 * Text from reports goes through {@link SafeText} first, so controls and bidirectional overrides
 * never reach the page.
 */
final class Html {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Html() {}

  /** Text or a double-quoted attribute value; null is empty. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    String safe = SafeText.line(s);
    StringBuilder sb = null;
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      String rep =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (rep == null) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(safe.length() + 16).append(safe, 0, i);
      }
      sb.append(rep);
    }
    return sb == null ? safe : sb.toString();
  }

  /** One percent-encoded URL path segment or query value. */
  static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String time(long epochMs) {
    return TIME.format(Instant.ofEpochMilli(epochMs));
  }

  /** A query string from the non-blank values, in the order given. */
  static String query(String path, Map<String, String> params) {
    StringBuilder sb = new StringBuilder(path);
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getValue() != null && !e.getValue().isBlank()) {
        sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        sep = '&';
      }
    }
    return sb.toString();
  }

  static Map<String, String> params(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** A link: the href escaped as an attribute, the label as text. */
  static String link(String href, String label) {
    return "<a href=\"" + esc(href) + "\">" + esc(label) + "</a>";
  }
}
