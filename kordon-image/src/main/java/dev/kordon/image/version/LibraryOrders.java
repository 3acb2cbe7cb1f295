package dev.kordon.image.version;

import io.github.nscuro.versatile.VersException;
import io.github.nscuro.versatile.version.MavenVersion;
import io.github.nscuro.versatile.version.NpmVersion;
import io.github.nscuro.versatile.version.Version;
import java.util.function.Function;

/** The orders a maintained library (nscuro/versatile) covers well: Maven and semver. */
public final class LibraryOrders {
  private LibraryOrders() {}

  public static final VersionOrder MAVEN = of(MavenVersion::new);
  public static final VersionOrder SEMVER =
      of(v -> new NpmVersion(v.startsWith("v") ? v.substring(1) : v));

  private static VersionOrder of(Function<String, Version> parse) {
    return (a, b) -> {
      try {
        return Integer.signum(parse.apply(a).compareTo(parse.apply(b)));
      } catch (VersException | NumberFormatException | NullPointerException e) {
        throw new IllegalArgumentException(
            "cannot compare versions '" + a + "' and '" + b + "'", e);
      }
    };
  }
}
