package dev.kordon.admission;

import java.util.Locale;
import java.util.Optional;

/** What the webhook does with a violation, from least to most strict. */
public enum Mode {
  /** Ignored. */
  OFF,
  /** Recorded in the API server's audit log as an audit annotation. */
  AUDIT,
  /** Returned to the client as a warning; the object is admitted. */
  WARN,
  /** The object is denied. */
  ENFORCE;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Mode> parse(String word) {
    for (Mode m : values()) {
      if (m.word().equals(word)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The stricter of two modes. */
  public Mode max(Mode other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
