package dev.kordon.model;

import java.util.Locale;

/** How bad a finding is. The words are part of the CLI and JSON contract. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  // computed once: writers ask for the word of every finding
  private final String word = name().toLowerCase(Locale.ROOT);

  /** The lower-case word used on the command line and in reports. */
  public String word() {
    return word;
  }

  /** Parses {@code low|medium|high|critical}, case-insensitively. */
  public static Severity parse(String word) {
    for (Severity s : values()) {
      if (s.word().equalsIgnoreCase(word.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + word + "' (expected low, medium, high or critical)");
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
