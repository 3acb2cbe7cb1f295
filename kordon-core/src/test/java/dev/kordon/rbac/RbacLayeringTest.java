package dev.kordon.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The analyzer depends on model, snapshot and source only: it never sees controls, findings,
 * reports or the engine (DESIGN.md, "the arrows point one way").
 */
class RbacLayeringTest {

  private static final List<String> ALLOWED =
      List.of(
          "import dev.kordon.model.",
          "import dev.kordon.snapshot.",
          "import dev.kordon.source.",
          "import dev.kordon.rbac.");

  @Test
  void importsOnlyLowerLayers() throws IOException {
    Path dir = Path.of("src", "main", "java", "dev", "kordon", "rbac");
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          String l = line.strip();
          boolean kordon = l.startsWith("import dev.kordon.") || l.contains(" dev.kordon.");
          if (kordon && l.startsWith("import ") && ALLOWED.stream().noneMatch(l::startsWith)) {
            bad.add(f.getFileName() + ": " + l);
          }
          if (!l.startsWith("import ")
              && !l.startsWith("package ")
              && l.matches(".*dev\\.kordon\\.(control|report|engine|framework)\\..*")) {
            bad.add(f.getFileName() + ": " + l);
          }
        }
      }
    }
    assertThat(bad).isEmpty();
    assertThat(dir.resolve("RbacGraph.java")).exists();
  }
}
