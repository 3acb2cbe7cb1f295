package dev.kordon.report.table;

import dev.kordon.model.Severity;

/** ANSI colours for terminal output, or nothing at all when colour is off. */
record Ansi(boolean on) {

  String bold(String s) {
    return wrap("1", s);
  }

  String dim(String s) {
    return wrap("2", s);
  }

  String green(String s) {
    return wrap("32", s);
  }

  String severity(Severity s, String text) {
    switch (s) {
      case CRITICAL:
        return wrap("1;31", text);
      case HIGH:
        return wrap("31", text);
      case MEDIUM:
        return wrap("33", text);
      case LOW:
      default:
        return wrap("36", text);
    }
  }

  private String wrap(String code, String s) {
    return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
