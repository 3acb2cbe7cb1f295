package dev.kordon.pss;

import java.util.Optional;

/** A level at a version, e.g. {@code restricted:v1.30}. */
public record PssPolicy(PssLevel level, PssVersion version) {

  public static final PssPolicy PRIVILEGED = new PssPolicy(PssLevel.PRIVILEGED, PssVersion.LATEST);

  /**
   * Parses {@code LEVEL} or {@code LEVEL:VERSION} (version defaults to {@code latest}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static PssPolicy parse(String text) {
    int colon = text.indexOf(':');
    String levelWord = colon < 0 ? text : text.substring(0, colon);
    Optional<PssLevel> level = PssLevel.parse(levelWord);
    if (level.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid Pod Security level '"
              + levelWord
              + "': expected privileged, baseline or restricted");
    }
    PssVersion version =
        colon < 0 ? PssVersion.LATEST : PssVersion.parse(text.substring(colon + 1));
    return new PssPolicy(level.get(), version);
  }

  @Override
  public String toString() {
    return level.word() + ":" + version;
  }
}
