package dev.kordon.image.version;

import java.util.Locale;
import java.util.Optional;

/** The package ecosystems Kordon reads, with their OSV name, purl type and version order. */
public enum Ecosystem {
  DEBIAN("Debian", "deb", DpkgVersion.ORDER),
  UBUNTU("Ubuntu", "deb", DpkgVersion.ORDER),
  ALPINE("Alpine", "apk", ApkVersion.ORDER),
  MAVEN("Maven", "maven", LibraryOrders.MAVEN),
  NPM("npm", "npm", LibraryOrders.SEMVER),
  PYPI("PyPI", "pypi", Pep440Version.ORDER);

  private final String osvName;
  private final String purlType;
  private final VersionOrder order;

  Ecosystem(String osvName, String purlType, VersionOrder order) {
    this.osvName = osvName;
    this.purlType = purlType;
    this.order = order;
  }

  /** The OSV ecosystem name without a release ({@code Debian}, {@code PyPI}). */
  public String osvName() {
    return osvName;
  }

  public String purlType() {
    return purlType;
  }

  public VersionOrder order() {
    return order;
  }

  public boolean isOs() {
    return this == DEBIAN || this == UBUNTU || this == ALPINE;
  }

  /** The ecosystem of an OSV ecosystem string such as {@code Alpine:v3.20} or {@code Maven}. */
  public static Optional<Ecosystem> ofOsv(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    String base = colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    for (Ecosystem e : values()) {
      if (e.osvName.equals(base)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Names compare as the ecosystem's registry does: PyPI after PEP 503 normalisation. */
  public String normalizeName(String name) {
    return switch (this) {
      case PYPI -> name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
      default -> name;
    };
  }
}
