package dev.kordon.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared corpora beside the checkout ({@code ../shared}). Present in CI and for the team;
 * absent in a user's clone, where tests that need it skip with a clear message.
 */
public final class SharedCorpus {
  private SharedCorpus() {}

  /** The shared folder; the system property {@code kordon.shared} set by Surefire, or ../shared. */
  public static Path root() {
    String prop = System.getProperty("kordon.shared");
    return Path.of(prop != null ? prop : "../../shared").toAbsolutePath().normalize();
  }

  /** A folder under {@code shared/}, or the test is skipped saying what is missing. */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    assumeTrue(
        Files.isDirectory(p),
        "skipped: "
            + p
            + " is absent (the shared corpora sit beside the checkout in CI;"
            + " a user's clone has none)");
    return p;
  }
}
