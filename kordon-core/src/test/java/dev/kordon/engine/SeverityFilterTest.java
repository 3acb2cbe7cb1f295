package dev.kordon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.control.Catalog;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.report.Report;
import dev.kordon.report.Summary;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeverityFilterTest {

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: ns}
      spec:
        hostPID: true
        containers:
          - name: app
            image: nginx
            securityContext: {privileged: true}
      """;

  private static Report scan() {
    return new Engine(
            Catalog.builtIn(),
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 6, 1)))
        .scan(Snapshot.of(new ManifestReader().read("in.yaml", POD).objects()), List.of());
  }

  @Test
  void listsOnlyTheNamedSeveritiesAndKeepsCountsAndScores() {
    Report all = scan();
    assertThat(all.findings())
        .extracting(Finding::severity)
        .contains(Severity.LOW, Severity.CRITICAL);

    Report shown = SeverityFilter.parse(List.of("high", "CRITICAL")).apply(all);

    assertThat(shown.findings()).isNotEmpty();
    assertThat(shown.findings())
        .extracting(Finding::severity)
        .allMatch(s -> s == Severity.HIGH || s == Severity.CRITICAL);
    assertThat(shown.findings())
        .containsExactlyElementsOf(
            all.findings().stream().filter(f -> f.severity().atLeast(Severity.HIGH)).toList());
    assertThat(shown.frameworks()).isEqualTo(all.frameworks());
    Summary s = shown.summary();
    assertThat(s.findings()).isEqualTo(all.summary().findings());
    assertThat(s.bySeverity()).isEqualTo(all.summary().bySeverity());
    assertThat(s.shown()).isPresent();
    assertThat(s.shown().get().severities()).containsExactly(Severity.HIGH, Severity.CRITICAL);
    assertThat(s.shown().get().findings()).isEqualTo(shown.findings().size());
    assertThat(s.shown().get().describe(s))
        .isEqualTo(
            "showing critical, high findings only: "
                + shown.findings().size()
                + " of "
                + all.summary().findings()
                + "; counts, scores and the exit code cover every finding");
    assertThat(all.summary().shown()).isEmpty();
  }

  @Test
  void theControlViewKeepsTheControlsOfTheNamedSeverities() {
    Report all = scan();
    assertThat(all.controlSummaries()).extracting(c -> c.severity()).contains(Severity.LOW);

    Report shown = SeverityFilter.parse(List.of("critical")).apply(all);

    assertThat(shown.controlSummaries()).isNotEmpty();
    assertThat(shown.controlSummaries())
        .containsExactlyElementsOf(
            all.controlSummaries().stream()
                .filter(c -> c.severity() == Severity.CRITICAL)
                .toList());
  }

  @Test
  void refusesWordsThatAreNoSeverity() {
    assertThatThrownBy(() -> SeverityFilter.parse(List.of("high", "severe")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'severe'");
    assertThatThrownBy(() -> SeverityFilter.parse(List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
  }
}
