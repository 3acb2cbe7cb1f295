package dev.kordon.pss;

import java.util.List;

/**
 * The behaviour of a check from a minimum version on, until the next revision of the same check.
 *
 * @param overrides ids of lower-level checks this one replaces while it is in force (e.g. {@code
 *     seccompProfile_restricted} replaces {@code seccompProfile_baseline} from 1.19)
 */
public record VersionedPssCheck(PssVersion minimumVersion, PodCheck check, List<String> overrides) {

  public VersionedPssCheck {
    if (minimumVersion.latest()) {
      throw new IllegalArgumentException("a check revision needs a numbered minimum version");
    }
    overrides = List.copyOf(overrides);
  }

  public static VersionedPssCheck of(int minor, PodCheck check, String... overrides) {
    return new VersionedPssCheck(PssVersion.of(minor), check, List.of(overrides));
  }
}
