package dev.kordon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.ScanError;
import dev.kordon.report.Report;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kordon.dev/ignore} annotations: suppressions written in the manifest itself. */
class IgnoreAnnotationTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  private static Report scan(String yaml) {
    return scan(yaml, EngineOptions.defaults(TODAY));
  }

  private static Report scan(String yaml, EngineOptions options) {
    Engine engine = new Engine(Catalog.builtIn(), Framework.builtIn(), options);
    return engine.scan(
        Snapshot.of(new ManifestReader().read("in.yaml", yaml).objects()), List.of());
  }

  private static Finding only(Report r, String id) {
    List<Finding> fs = r.findings().stream().filter(f -> f.controlId().equals(id)).toList();
    assertThat(fs).as("findings of " + id).hasSize(1);
    return fs.get(0);
  }

  private static String deployment(String workloadAnnotation, String templateAnnotation) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: agent
          namespace: ops
        %s
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata:
              labels: {app: agent}
        %s
            spec:
              hostPID: true
              containers:
                - name: agent
                  image: agent:1.2
                  securityContext: {privileged: true}
        """
        .formatted(workloadAnnotation, templateAnnotation);
  }

  private static final String ON_WORKLOAD =
      "  annotations:\n    kordon.dev/ignore: \"KOR-0001: node agent, reviewed\"";
  private static final String ON_TEMPLATE =
      "      annotations:\n        kordon.dev/ignore: \"KOR-0001: node agent, reviewed\"";

  @Test
  void anAnnotationOnTheWorkloadExceptsThatControlWithItsReason() {
    Report plain = scan(deployment("", ""));
    Report r = scan(deployment(ON_WORKLOAD, ""));

    Finding privileged = only(r, "KOR-0001");
    assertThat(privileged.status()).isEqualTo(FindingStatus.EXCEPTED);
    assertThat(privileged.note()).isEqualTo("node agent, reviewed");
    assertThat(only(plain, "KOR-0001").status()).isEqualTo(FindingStatus.FAIL);
    assertThat(r.summary().excepted()).isEqualTo(plain.summary().excepted() + 1);
    assertThat(r.summary().findings()).isEqualTo(plain.summary().findings() - 1);
    assertThat(r.findings())
        .as("other controls on the object are not excepted")
        .filteredOn(f -> !f.controlId().equals("KOR-0001"))
        .allMatch(Finding::failed);
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void anAnnotationOnThePodTemplateCoversTheWorkload() {
    Report r = scan(deployment("", ON_TEMPLATE));
    assertThat(only(r, "KOR-0001").status()).isEqualTo(FindingStatus.EXCEPTED);
    assertThat(only(r, "KOR-0001").note()).isEqualTo("node agent, reviewed");
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void severalIdsAreExceptedAndExceptedFindingsDoNotLowerScores() {
    String both =
        "  annotations:\n    kordon.dev/ignore: \"KOR-0001, KOR-0002 : node agent, reviewed\"";
    Report plain = scan(deployment("", ""));
    Report r = scan(deployment(both, ""));
    assertThat(only(r, "KOR-0001").status()).isEqualTo(FindingStatus.EXCEPTED);
    assertThat(only(plain, "KOR-0002").failed()).isTrue();
    assertThat(only(r, "KOR-0002").status()).isEqualTo(FindingStatus.EXCEPTED);
    assertThat(score(r, "cis")).isGreaterThan(score(plain, "cis"));
  }

  @Test
  void anAnnotationNamingThePodSecurityIdOfAMergedFindingExceptsIt() {
    String pss = "  annotations:\n    kordon.dev/ignore: \"KOR-0206: node agent, reviewed\"";
    Report r = scan(deployment(pss, ""));
    Finding merged = only(r, "KOR-0001");
    assertThat(merged.status()).isEqualTo(FindingStatus.EXCEPTED);
    assertThat(r.findings()).noneMatch(f -> f.controlId().equals("KOR-0206"));
  }

  @Test
  void anAnnotationExceptsOnlyItsOwnObject() {
    String two =
        deployment(ON_WORKLOAD, "")
            + "---\n"
            + deployment("", "").replace("name: agent\n", "name: other\n");
    Report r = scan(two);
    assertThat(r.findings())
        .filteredOn(f -> f.controlId().equals("KOR-0001"))
        .extracting(f -> f.resource().name() + "=" + f.status().word())
        .containsExactlyInAnyOrder("agent=excepted", "other=fail");
  }

  @Test
  void aMalformedValueIsANoteWithFileAndLineAndExceptsNothing() {
    String bad = "  annotations:\n    kordon.dev/ignore: \"KOR-0001 without a reason\"";
    Report r = scan(deployment(bad, ""));
    assertThat(only(r, "KOR-0001").failed()).isTrue();
    assertThat(r.notes()).hasSize(1);
    ScanError note = r.notes().get(0);
    assertThat(note.isError()).isFalse();
    assertThat(note.file()).isEqualTo("in.yaml");
    assertThat(note.line()).as("the line of the annotation").isEqualTo(7);
    assertThat(note.message())
        .contains("kordon.dev/ignore on Deployment/ops/agent ignored")
        .contains("CONTROL-ID");
  }

  @Test
  void anEmptyReasonIsMalformedToo() {
    Report r = scan(deployment("  annotations:\n    kordon.dev/ignore: \"KOR-0001:  \"", ""));
    assertThat(only(r, "KOR-0001").failed()).isTrue();
    assertThat(r.notes()).extracting(ScanError::line).containsExactly(7);
  }

  @Test
  void anUnknownIdIsANoteAndTheKnownOnesStillApply() {
    String mixed =
        "  annotations:\n    kordon.dev/ignore: \"KOR-9999,KOR-0001: node agent, reviewed\"";
    Report r = scan(deployment(mixed, ""));
    assertThat(only(r, "KOR-0001").status()).isEqualTo(FindingStatus.EXCEPTED);
    assertThat(r.notes()).hasSize(1);
    assertThat(r.notes().get(0).line()).isEqualTo(7);
    assertThat(r.notes().get(0).message())
        .isEqualTo(
            "kordon.dev/ignore on Deployment/ops/agent names KOR-9999, which is no control; see"
                + " `kordon controls list`");
  }

  @Test
  void aControlLeftOutByTheFrameworkChoiceIsNoUnknownId() {
    Report r =
        scan(deployment(ON_WORKLOAD, ""), EngineOptions.defaults(TODAY).withFramework("mitre"));
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void anAnnotationWinsOverAnExpiredFileException() {
    Exceptions expired =
        new Exceptions(
            List.of(
                new ExceptionRule(
                    "KOR-0001",
                    "",
                    "",
                    "",
                    java.util.Map.of(),
                    "old",
                    java.util.Optional.of(LocalDate.of(2020, 1, 1)),
                    "file")));
    Report r =
        scan(deployment(ON_WORKLOAD, ""), EngineOptions.defaults(TODAY).withExceptions(expired));
    assertThat(only(r, "KOR-0001").status()).isEqualTo(FindingStatus.EXCEPTED);
  }

  private static double score(Report r, String id) {
    return r.frameworks().stream()
        .filter(f -> f.id().equals(id))
        .mapToDouble(f -> f.score().orElseThrow())
        .findFirst()
        .orElseThrow();
  }
}
