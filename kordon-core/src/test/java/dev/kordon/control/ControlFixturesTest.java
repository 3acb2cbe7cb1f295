package dev.kordon.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.testing.Fixture;
import dev.kordon.testing.FixtureCatalog;
import dev.kordon.testing.FixtureCheck;
import dev.kordon.testing.FixtureImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in control against its fixtures, exact both ways; and the catalog's pairing. */
class ControlFixturesTest {

  /** With the facts of the images the KOR-0453..0455 fixtures name, as scan --images reads them. */
  private static final Catalog CATALOG =
      Catalog.builtIn(ControlSettings.DEFAULT.withImages(FixtureImages.FACTS));

  private static final Path ROOT = FixtureCatalog.root(ControlFixturesTest.class);

  static Stream<Arguments> fixtures() throws IOException {
    return FixtureCatalog.fixtures(ROOT).stream()
        .map(f -> Arguments.of(f.getParent().getFileName().toString(), f.getFileName().toString()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fixtures")
  void fixtureAgreesWithControl(String id, String file) throws IOException {
    Control control =
        CATALOG.find(id).orElseThrow(() -> new AssertionError("no control registered as " + id));
    Fixture fixture = Fixture.read(ROOT.resolve(id).resolve(file));
    if (fixture.isPass()) {
      assertThat(fixture.expectations()).as("a pass fixture carries no markers").isEmpty();
    } else {
      assertThat(fixture.isFail()).as("fixture names start with fail- or pass-").isTrue();
      assertThat(fixture.expectations())
          .as("a fail fixture marks at least one line")
          .anyMatch(e -> e.controlId().equals(id));
    }
    for (Fixture.Expectation e : fixture.expectations()) {
      assertThat(e.controlId()).as("a fixture under %s marks only %s", id, id).isEqualTo(id);
    }
    assertThat(FixtureCheck.mismatches(control, fixture)).isEmpty();
  }

  @Test
  void everyControlHasFailingAndPassingFixtures() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Control c : CATALOG.controls()) {
      Path dir = ROOT.resolve(c.info().id());
      if (!Files.isDirectory(dir)) {
        missing.add(c.info().id() + ": no fixture directory");
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        if (names.stream().noneMatch(n -> n.startsWith("fail-"))) {
          missing.add(c.info().id() + ": no fail- fixture");
        }
        if (names.stream().noneMatch(n -> n.startsWith("pass-"))) {
          missing.add(c.info().id() + ": no pass- fixture");
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyFixtureDirectoryBelongsToAControl() throws IOException {
    Set<String> orphans = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(ROOT)) {
      dirs.map(p -> p.getFileName().toString())
          .filter(id -> CATALOG.find(id).isEmpty())
          .forEach(orphans::add);
    }
    assertThat(orphans).isEmpty();
  }

  @Test
  void everyControlIsDocumented() {
    Path docs = Path.of("..", "docs", "controls");
    List<String> undocumented = new ArrayList<>();
    for (Control c : CATALOG.controls()) {
      if (!Files.isRegularFile(docs.resolve(c.info().id() + ".md"))) {
        undocumented.add(c.info().id());
      }
    }
    assertThat(undocumented).as("controls without docs/controls/<ID>.md").isEmpty();
  }
}
