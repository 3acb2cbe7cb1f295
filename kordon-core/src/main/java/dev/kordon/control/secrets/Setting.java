package dev.kordon.control.secrets;

import java.util.Optional;

/**
 * A setting on one line of a properties, env, YAML or simple JSON file: {@code name=value}, {@code
 * name: value}, {@code export NAME="value"}, {@code "name": "value",}.
 *
 * <p>{@link #read} scans by hand what the regular expression {@code
 * ^\s*(?:export\s+)?["']?([A-Za-z0-9_.\-]{1,128})["']?\s*[:=]\s*["']?([^"'\s,]*)["']?\s*,?\s*$}
 * matched, with the same groups: it runs on every line of every file-like ConfigMap value, where
 * the regex was most of the control's cost. The grammar leaves one choice to backtracking: a line
 * that starts with {@code export} and whitespace is read with the prefix, else as a setting named
 * {@code export}. Every other part has one way to match, so the scan never backs up.
 */
record Setting(String name, String value) {

  private static final int MAX_NAME = 128;

  /** The setting on {@code text[start, end)}, which holds no line break; empty when none. */
  static Optional<Setting> read(String text, int start, int end) {
    int i = skipSpace(text, start, end);
    if (i + 6 <= end && text.startsWith("export", i)) {
      int afterPrefix = skipSpace(text, i + 6, end);
      if (afterPrefix > i + 6) {
        Optional<Setting> prefixed = afterPrefix(text, afterPrefix, end);
        if (prefixed.isPresent()) {
          return prefixed;
        }
      }
    }
    return afterPrefix(text, i, end);
  }

  private static Optional<Setting> afterPrefix(String text, int start, int end) {
    int i = skipQuote(text, start, end);
    int nameStart = i;
    while (i < end && nameChar(text.charAt(i))) {
      i++;
    }
    int nameEnd = i;
    if (nameEnd == nameStart || nameEnd - nameStart > MAX_NAME) {
      return Optional.empty();
    }
    i = skipSpace(text, skipQuote(text, i, end), end);
    if (i == end || (text.charAt(i) != ':' && text.charAt(i) != '=')) {
      return Optional.empty();
    }
    i = skipQuote(text, skipSpace(text, i + 1, end), end);
    int valueStart = i;
    while (i < end && valueChar(text.charAt(i))) {
      i++;
    }
    int valueEnd = i;
    i = skipSpace(text, skipQuote(text, i, end), end);
    if (i < end && text.charAt(i) == ',') {
      i = skipSpace(text, i + 1, end);
    }
    if (i != end) {
      return Optional.empty();
    }
    return Optional.of(
        new Setting(text.substring(nameStart, nameEnd), text.substring(valueStart, valueEnd)));
  }

  private static int skipSpace(String text, int from, int end) {
    int i = from;
    while (i < end && space(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipQuote(String text, int at, int end) {
    return at < end && quote(text.charAt(at)) ? at + 1 : at;
  }

  /** The regex's {@code \s}: ASCII whitespace only. */
  private static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean quote(char c) {
    return c == '"' || c == '\'';
  }

  private static boolean nameChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }

  private static boolean valueChar(char c) {
    return !quote(c) && !space(c) && c != ',';
  }
}
