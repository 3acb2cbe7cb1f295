package dev.kordon.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds fixture directories ({@code controls/<ID>/}) on the test classpath. */
public final class FixtureCatalog {
  private FixtureCatalog() {}

  /** The {@code controls} folder of the test resources of the class's module. */
  public static Path root(Class<?> anchor) {
    URL url = anchor.getResource("/controls");
    if (url == null) {
      throw new IllegalStateException("no controls/ fixtures on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every {@code (id, fixture file)} pair, sorted. */
  public static List<Path> fixtures(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted().toList()) {
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (Stream<Path> files = Files.list(dir)) {
          files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(out::add);
        }
      }
    }
    return out;
  }
}
