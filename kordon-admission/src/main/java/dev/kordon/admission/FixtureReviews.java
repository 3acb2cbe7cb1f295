package dev.kordon.admission;

import dev.kordon.model.KubeObject;
import dev.kordon.source.ManifestReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Review bodies made from the catalog's own fixtures: for every control, the manifests it must fail
 * and pass, bundled at {@code warm-up/controls/ID/*.yaml}. A warm-up on these takes every control's
 * paths, failing and passing, with the shapes of real manifests (init containers, probes, env from
 * Secrets, RBAC, Services, policies), where a handful of synthetic reviews left the optimizing
 * compiler to meet them in the first minutes of real traffic.
 */
final class FixtureReviews {
  private FixtureReviews() {}

  static final String ROOT = "warm-up/controls";

  /**
   * The bodies, in a fixed order, read from the jar or class directory this class came from; none
   * when the fixtures are not there.
   */
  static List<byte[]> load() {
    try {
      CodeSource source = FixtureReviews.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return List.of();
      }
      return from(Path.of(source.getLocation().toURI()));
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return List.of(); // the synthetic reviews still warm up
    }
  }

  /** The bodies of the fixtures under {@link #ROOT} in a class directory or a jar. */
  static List<byte[]> from(Path location) throws IOException {
    if (Files.isDirectory(location)) {
      Path root = location.resolve(ROOT);
      return Files.isDirectory(root) ? bodies(root) : List.of();
    }
    try (FileSystem jar = FileSystems.newFileSystem(location, (ClassLoader) null)) {
      Path root = jar.getPath(ROOT);
      return Files.isDirectory(root) ? bodies(root) : List.of();
    }
  }

  private static List<byte[]> bodies(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    ManifestReader reader = new ManifestReader();
    List<byte[]> out = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      for (KubeObject o : reader.read(file.toString(), text).objects()) {
        out.add(review(o));
      }
    }
    return List.copyOf(out);
  }

  private static byte[] review(KubeObject o) {
    String apiVersion = o.apiVersion();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    String namespace = o.namespace().isEmpty() ? "kordon-warm-up" : o.namespace();
    return WarmUp.review(
        group, version, o.kind(), plural(o.kind()), namespace, "CREATE", o.raw().toString(), null);
  }

  /**
   * The resource of a kind as the API names most: {@code NetworkPolicy} → {@code networkpolicies}.
   */
  static String plural(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    if (k.endsWith("y")) {
      return k.substring(0, k.length() - 1) + "ies";
    }
    if (k.endsWith("s")) {
      return k + "es";
    }
    return k + "s";
  }
}
