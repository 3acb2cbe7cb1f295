package dev.kordon.image.inventory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operating system of an image, from {@code etc/os-release}.
 *
 * @param id {@code ID} ({@code debian}, {@code alpine}, {@code ubuntu})
 * @param versionId {@code VERSION_ID} ({@code 12}, {@code 3.20.3}, {@code 22.04})
 * @param prettyName {@code PRETTY_NAME}, for people
 */
public record OsRelease(String id, String versionId, String prettyName) {

  public static final OsRelease UNKNOWN = new OsRelease("", "", "");

  public static OsRelease parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n", 200)) {
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq <= 0) {
        continue;
      }
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2
          && (value.startsWith("\"") && value.endsWith("\"")
              || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      values.put(line.substring(0, eq).strip(), value);
    }
    return new OsRelease(
        values.getOrDefault("ID", ""),
        values.getOrDefault("VERSION_ID", ""),
        values.getOrDefault("PRETTY_NAME", ""));
  }

  public boolean known() {
    return !id.isEmpty();
  }

  /**
   * The exact OSV ecosystem of this release's packages: {@code Debian:12}, {@code Alpine:v3.20}
   * (major.minor only, as Alpine's advisories are per branch), {@code Ubuntu:22.04}.
   */
  public Optional<String> osvEcosystem() {
    return switch (id) {
      case "debian" -> Optional.of("Debian:" + major(versionId)).filter(s -> !versionId.isEmpty());
      case "ubuntu" -> Optional.of("Ubuntu:" + versionId).filter(s -> !versionId.isEmpty());
      case "alpine" -> branch(versionId).map(b -> "Alpine:v" + b);
      default -> Optional.empty();
    };
  }

  /** {@code 3.20} of {@code 3.20.3}. */
  static Optional<String> branch(String version) {
    String[] parts = version.split("\\.");
    return parts.length >= 2 ? Optional.of(parts[0] + "." + parts[1]) : Optional.empty();
  }

  private static String major(String version) {
    int dot = version.indexOf('.');
    return dot < 0 ? version : version.substring(0, dot);
  }
}
