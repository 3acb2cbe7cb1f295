package dev.kordon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Control;
import dev.kordon.testing.Fixture;
import dev.kordon.testing.FixtureCheck;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example rules shipped in {@code examples/rules/}, run through the same fixture check as the
 * built-in controls: {@code rule-fixtures/<id>/fail-*.yaml} with {@code # EXPECT: <id>} markers and
 * {@code pass-*.yaml} without, exact both ways.
 */
class RuleFixturesTest {

  static final Path EXAMPLES = Path.of("..", "examples", "rules");

  static Stream<Path> fixtures() throws Exception {
    Path root = root();
    List<Path> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted().toList()) {
        try (Stream<Path> files = Files.list(dir)) {
          files.sorted().forEach(out::add);
        }
      }
    }
    return out.stream();
  }

  private static Path root() throws URISyntaxException {
    return Path.of(RuleFixturesTest.class.getResource("/rule-fixtures").toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void exampleRule(Path file) throws Exception {
    String id = file.getParent().getFileName().toString();
    RuleFiles rules =
        RuleFiles.load(List.of(EXAMPLES.toString()), new KubeCel(), Requester.DEFAULT);
    Control rule =
        rules.rules().stream().filter(r -> r.info().id().equals(id)).findFirst().orElseThrow();
    Fixture fixture = Fixture.read(file);
    if (fixture.isFail()) {
      assertThat(fixture.expectations()).as("a fail fixture has markers").isNotEmpty();
    } else {
      assertThat(fixture.expectations()).as("a pass fixture has no markers").isEmpty();
    }
    assertThat(FixtureCheck.mismatches(rule, fixture)).isEmpty();
  }
}
