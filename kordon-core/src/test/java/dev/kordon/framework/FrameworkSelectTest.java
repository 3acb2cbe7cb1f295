package dev.kordon.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.control.Catalog;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameworkSelectTest {

  private static final List<Framework> ALL = Framework.builtIn();

  @Test
  void selectsTheNamedFrameworksInOrderOnce() {
    assertThat(Framework.select(ALL, List.of("nsa", "cis", "nsa")))
        .extracting(Framework::id)
        .containsExactly("nsa", "cis");
    assertThat(Framework.select(ALL, List.of())).isEqualTo(ALL);
  }

  @Test
  void anUnknownIdListsTheKnownOnes() {
    assertThatThrownBy(() -> Framework.select(ALL, List.of("cis", "soc2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown framework 'soc2' (known: cis, nsa, pss-baseline, pss-restricted, mitre)");
  }

  @Test
  void anEngineOverSeveralFrameworksRunsTheControlsOfAnyAndScoresEach() {
    LocalDate today = LocalDate.of(2026, 6, 1);
    Engine cis =
        new Engine(Catalog.builtIn(), ALL, EngineOptions.defaults(today).withFramework("cis"));
    Engine nsa =
        new Engine(Catalog.builtIn(), ALL, EngineOptions.defaults(today).withFramework("nsa"));
    Engine both =
        new Engine(
            Catalog.builtIn(),
            ALL,
            EngineOptions.defaults(today).withFrameworks(List.of("cis", "nsa")));

    Set<String> union = new HashSet<>(ids(cis));
    union.addAll(ids(nsa));
    assertThat(new HashSet<>(ids(both))).isEqualTo(union);
    assertThat(union).hasSizeGreaterThan(Math.max(ids(cis).size(), ids(nsa).size()));

    var report = both.scan(dev.kordon.snapshot.Snapshot.of(List.of()), List.of());
    assertThat(report.frameworks()).extracting(FrameworkScore::id).containsExactly("cis", "nsa");
  }

  private static List<String> ids(Engine e) {
    return e.controls().stream().map(c -> c.info().id()).toList();
  }
}
