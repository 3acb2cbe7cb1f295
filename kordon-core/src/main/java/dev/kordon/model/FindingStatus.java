package dev.kordon.model;

import java.util.Locale;

/** Whether a finding counts: failed, or covered by an exception. */
public enum FindingStatus {
  FAIL,
  EXCEPTED;

  // computed once: writers ask for the word of every finding
  private final String word = name().toLowerCase(Locale.ROOT);

  public String word() {
    return word;
  }
}
