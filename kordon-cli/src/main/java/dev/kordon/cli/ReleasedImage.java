package dev.kordon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The image a released Kordon runs as: the repository the build was configured with (root pom
 * property {@code kordon.image.repository}) at this version. A development build ({@code
 * -SNAPSHOT}) was never published, so it has none and commands must be told which image to use.
 */
final class ReleasedImage {
  private ReleasedImage() {}

  static Optional<String> of(String version) {
    if (version.endsWith("-SNAPSHOT") || version.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(repository() + ":" + version);
  }

  static String repository() {
    Properties p = new Properties();
    try (InputStream in = ReleasedImage.class.getResourceAsStream("image.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String repository = p.getProperty("repository", "");
    return repository.isEmpty() || repository.contains("${")
        ? "ghcr.io/kordon-dev/kordon"
        : repository;
  }
}
