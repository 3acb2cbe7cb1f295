package dev.kordon.pss;

import java.util.Locale;
import java.util.Optional;

/** The three Pod Security Standards levels, from least to most restrictive. */
public enum PssLevel {
  PRIVILEGED,
  BASELINE,
  RESTRICTED;

  /** The word used in namespace labels and on the command line. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a level word exactly; empty when it is none of the three. */
  public static Optional<PssLevel> parse(String word) {
    for (PssLevel l : values()) {
      if (l.word().equals(word)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads a namespace label value as the admission plugin does: a value that is not a level is
   * treated as {@code restricted}, the safest reading.
   */
  public static PssLevel fromLabel(String value) {
    return parse(value).orElse(RESTRICTED);
  }

  /** Whether a check of level {@code checkLevel} applies when this level is enforced. */
  public boolean includes(PssLevel checkLevel) {
    return checkLevel != PRIVILEGED && checkLevel.ordinal() <= ordinal();
  }

  @Override
  public String toString() {
    return word();
  }
}
