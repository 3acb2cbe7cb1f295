package dev.kordon.server;

import java.util.List;

/** The severity words of the JSON report, most severe first, and their sort rank. */
final class Severities {
  static final List<String> WORDS = List.of("critical", "high", "medium", "low");

  private Severities() {}

  static boolean known(String word) {
    return WORDS.contains(word);
  }

  /** 0 for critical up to 3 for low: ascending order lists the worst first. */
  static int rank(String word) {
    int i = WORDS.indexOf(word);
    if (i < 0) {
      throw new IllegalArgumentException("not a severity: " + word);
    }
    return i;
  }
}
