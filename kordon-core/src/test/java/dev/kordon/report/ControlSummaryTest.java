package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.control.Catalog;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The control view counts resources per control over the whole scan, whatever the framework. */
class ControlSummaryTest {

  @Test
  void countsDistinctFailedResourcesAndLeavesExceptedOnesOut() {
    Report mixed = SampleReports.mixed();
    Map<String, ControlSummary> byId = byId(mixed.controlSummaries());

    ControlSummary privileged = byId.get("KOR-0001");
    assertThat(privileged.resources()).isEqualTo(2);
    assertThat(privileged.failedResources()).isEqualTo(2);
    assertThat(privileged.findings()).isEqualTo(2);
    assertThat(privileged.compliance()).isEqualTo(0.0);
    assertThat(privileged.remediation()).isEqualTo(SampleReports.PRIVILEGED.remediation());

    // web fails, debug is excepted: one of two judged resources fails
    ControlSummary limits = byId.get("KOR-0050");
    assertThat(limits.failedResources()).isEqualTo(1);
    assertThat(limits.findings()).isEqualTo(1);
    assertThat(limits.compliance()).isEqualTo(50.0);

    ControlSummary latest = byId.get("KOR-0060");
    assertThat(latest.resources()).isZero();
    assertThat(latest.failed()).isFalse();
    assertThat(latest.compliance()).isEqualTo(100.0);
  }

  @Test
  void mostSevereFirstThenMostFailedThenById() {
    assertThat(SampleReports.mixed().controlSummaries())
        .extracting(ControlSummary::controlId)
        .containsExactly("KOR-0001", "KOR-0120", "KOR-0050", "KOR-0060");
    List<ControlSummary> sameSeverity =
        List.of(
            new ControlSummary("KOR-0002", "B", Severity.HIGH, 4, 1, 1, 75.0, "Fix b."),
            new ControlSummary("KOR-0003", "C", Severity.HIGH, 4, 3, 3, 25.0, "Fix c."),
            new ControlSummary("KOR-0001", "A", Severity.HIGH, 4, 1, 2, 75.0, "Fix a."));
    assertThat(sameSeverity.stream().sorted(ControlSummary.ORDER).toList())
        .extracting(ControlSummary::controlId)
        .containsExactly("KOR-0003", "KOR-0001", "KOR-0002");
  }

  @Test
  void refusesCountsThatCannotBe() {
    assertThatThrownBy(
            () -> new ControlSummary("KOR-0001", "A", Severity.LOW, 1, 2, 2, 0.0, "Fix it."))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEngineAgreesWithEveryFrameworksPerControlCounts() {
    ReadResult read =
        new FileSource()
            .read(
                List.of(Path.of("..", "examples").toString()),
                new ByteArrayInputStream(new byte[0]));
    Engine engine =
        new Engine(
            Catalog.builtIn(),
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 1, 1)).sequential());
    Report report = engine.scan(Snapshot.of(read.objects()), read.problems());

    assertThat(report.controlSummaries())
        .as("one row per control that ran")
        .hasSize(report.controls().size());
    assertThat(report.controlSummaries()).isSortedAccordingTo(ControlSummary.ORDER);
    assertThat(report.controlSummaries()).anyMatch(ControlSummary::failed);
    Map<String, ControlSummary> byId = byId(report.controlSummaries());
    for (FrameworkScore fs : report.frameworks()) {
      for (FrameworkScore.ControlScore cs : fs.controls()) {
        ControlSummary c = byId.get(cs.controlId());
        assertThat(c.resources()).as(cs.controlId()).isEqualTo(cs.evaluated());
        assertThat(c.failedResources()).as(cs.controlId()).isEqualTo(cs.failedResources());
      }
    }
    int failedFindings =
        report.controlSummaries().stream().mapToInt(ControlSummary::findings).sum();
    assertThat(failedFindings)
        .as("merged findings count once per control they merge")
        .isGreaterThanOrEqualTo(report.summary().findings());
  }

  private static Map<String, ControlSummary> byId(List<ControlSummary> view) {
    Map<String, ControlSummary> out = new java.util.HashMap<>();
    view.forEach(c -> out.put(c.controlId(), c));
    return out;
  }
}
