package dev.kordon.pss;

import java.util.List;
import java.util.Optional;

/**
 * One Pod Security Standards check, as the admission plugin registers it: an id, the level it
 * belongs to, and its revisions in ascending order of minimum version.
 *
 * @param reason the short phrase naming what is forbidden, e.g. {@code host namespaces}
 */
public record PssCheck(String id, PssLevel level, String reason, List<VersionedPssCheck> versions) {

  public PssCheck {
    versions = List.copyOf(versions);
    if (level == PssLevel.PRIVILEGED) {
      throw new IllegalArgumentException(id + ": the privileged level has no checks");
    }
    if (versions.isEmpty()) {
      throw new IllegalArgumentException(id + ": a check needs at least one revision");
    }
    for (int i = 1; i < versions.size(); i++) {
      if (versions.get(i).minimumVersion().compareTo(versions.get(i - 1).minimumVersion()) <= 0) {
        throw new IllegalArgumentException(id + ": revisions must be in ascending version order");
      }
    }
  }

  /** The revision in force at a version: the newest whose minimum is at or below it. */
  public Optional<VersionedPssCheck> at(PssVersion version) {
    VersionedPssCheck found = null;
    for (VersionedPssCheck v : versions) {
      if (version.atLeast(v.minimumVersion())) {
        found = v;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The first version at which the check exists. */
  public PssVersion since() {
    return versions.get(0).minimumVersion();
  }
}
