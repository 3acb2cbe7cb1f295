package dev.kordon.rbac;

import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Snapshots from YAML text in tests. */
final class Manifests {
  private Manifests() {}

  static Snapshot of(String yaml) {
    ReadResult read = new ManifestReader().read("test.yaml", yaml);
    if (read.hasErrors()) {
      throw new IllegalArgumentException("test manifest does not parse: " + read.problems());
    }
    return Snapshot.of(read.objects());
  }

  /** A snapshot of a test resource under {@code rbac/}. */
  static Snapshot resource(String name) {
    try (InputStream in = Manifests.class.getResourceAsStream("/rbac/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource rbac/" + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      ReadResult read = new ManifestReader().read(name, text);
      if (read.hasErrors()) {
        throw new IllegalArgumentException(name + " does not parse: " + read.problems());
      }
      return Snapshot.of(read.objects());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
