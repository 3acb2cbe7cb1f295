package dev.kordon.model;

import java.util.Locale;

/** Whether a finding counts: failed, or covered by an exception. */
public enum FindingStatus {
  FAIL,
  EXCEPTED;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
