package dev.kordon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.control.Catalog;
import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.control.PodControl;
import dev.kordon.framework.Framework;
import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.report.Report;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  /** Flags hostPID; in framework "cis" through its reference; renamed from KOR-9000. */
  static final class HostPid implements PodControl {
    static final ControlInfo INFO =
        ControlInfo.builder("KOR-0901")
            .title("Host PID")
            .severity(Severity.HIGH)
            .description("Shares the host's process namespace.")
            .remediation("Remove hostPID.")
            .kinds(PodSpecView.WORKLOAD_KINDS)
            .refs("cis:5.2.3")
            .altIds("KOR-0900")
            .build();

    @Override
    public ControlInfo info() {
      return INFO;
    }

    @Override
    public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
      JsonPointer p = pod.field("hostPID");
      return pod.object().bool(p).orElse(false)
          ? List.of(INFO.finding(pod.object(), p, "hostPID: true"))
          : List.of();
    }
  }

  /** Always throws: the engine must contain the failure. */
  static final class Broken implements ObjectControl {
    static final ControlInfo INFO =
        ControlInfo.builder("KOR-0902")
            .title("Broken control")
            .severity(Severity.LOW)
            .description("Fails on purpose.")
            .remediation("Fix the control.")
            .kinds("ConfigMap")
            .refs("nsa:secrets")
            .build();

    @Override
    public ControlInfo info() {
      return INFO;
    }

    @Override
    public List<Finding> check(KubeObject object, Snapshot snapshot) {
      throw new IllegalStateException("boom");
    }
  }

  private static Framework fw(String id, String prefix) {
    return new Framework(id, id.toUpperCase(), "1", List.of(prefix), List.of());
  }

  private static Snapshot snapshot(String text) {
    return Snapshot.of(new ManifestReader().read("in.yaml", text).objects());
  }

  private static String pod(String name, boolean hostPid) {
    return "---\napiVersion: v1\nkind: Pod\nmetadata: {name: "
        + name
        + ", namespace: ns, labels: {team: a}}\nspec:\n  hostPID: "
        + hostPid
        + "\n  containers: []\n";
  }

  private static Engine engine(EngineOptions options) {
    return new Engine(
        Catalog.of(List.of(new HostPid(), new Broken())),
        List.of(fw("cis", "cis:"), fw("nsa", "nsa:")),
        options);
  }

  @Test
  void findingsAreOrderedByFileAndLineWhateverTheEvaluationOrder() {
    String text = pod("c", true) + pod("a", true) + pod("b", false);
    Report parallel = engine(EngineOptions.defaults(TODAY)).scan(snapshot(text), List.of());
    Report sequential =
        engine(EngineOptions.defaults(TODAY).sequential()).scan(snapshot(text), List.of());
    assertThat(parallel.findings()).isEqualTo(sequential.findings());
    assertThat(parallel.findings()).extracting(f -> f.resource().name()).containsExactly("c", "a");
    assertThat(parallel.findings().get(0).frameworks()).containsExactly("cis");
  }

  @Test
  void aFailingControlBecomesAnErrorNotACrash() {
    String text = pod("a", true) + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n";
    Report r = engine(EngineOptions.defaults(TODAY)).scan(snapshot(text), List.of());
    assertThat(r.findings()).hasSize(1);
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.message())
                  .contains("KOR-0902")
                  .contains("boom")
                  .contains("ConfigMap/default/cm");
              assertThat(e.file()).isEqualTo("in.yaml");
            });
  }

  @Test
  void scoresCountResourcesPerControl() {
    String text = pod("a", true) + pod("b", false) + pod("c", false) + pod("d", false);
    Report r = engine(EngineOptions.defaults(TODAY)).scan(snapshot(text), List.of());
    FrameworkScore cis = r.frameworks().get(0);
    assertThat(cis.id()).isEqualTo("cis");
    assertThat(cis.score()).hasValue(75.0);
    assertThat(cis.percent()).isEqualTo("75.0%");
    assertThat(cis.failed()).isEqualTo(1);
    assertThat(cis.passed()).isZero();
    assertThat(cis.notEvaluated()).isZero();
    assertThat(cis.controls()).containsExactly(new FrameworkScore.ControlScore("KOR-0901", 4, 1));
    FrameworkScore nothingJudged = r.frameworks().get(1);
    assertThat(nothingJudged.score()).as("nothing evaluated is not applicable, not 100").isEmpty();
    assertThat(nothingJudged.applicable()).isFalse();
    assertThat(nothingJudged.percent()).isEqualTo("n/a");
    assertThat(nothingJudged.passed()).as("a control that judged nothing did not pass").isZero();
    assertThat(nothingJudged.failed()).isZero();
    assertThat(nothingJudged.notEvaluated())
        .isEqualTo(nothingJudged.controls().size())
        .isPositive();
  }

  @Test
  void frameworkRestrictsControlsAndScores() {
    Engine e = engine(EngineOptions.defaults(TODAY).withFramework("nsa"));
    assertThat(e.controls()).extracting(c -> c.info().id()).containsExactly("KOR-0902");
    Report r = e.scan(snapshot(pod("a", true)), List.of());
    assertThat(r.findings()).isEmpty();
    assertThat(r.frameworks()).extracting(FrameworkScore::id).containsExactly("nsa");
  }

  @Test
  void unknownFrameworkIsRejectedWithTheKnownOnes() {
    assertThatThrownBy(() -> engine(EngineOptions.defaults(TODAY).withFramework("pci")))
        .hasMessageContaining("pci")
        .hasMessageContaining("cis, nsa");
  }

  @Test
  void exceptionsMarkFindingsExceptedUntilTheyExpire(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("exceptions.yaml");
    Files.writeString(
        file,
        """
        apiVersion: kordon.dev/v1
        kind: Exceptions
        exceptions:
          - control: KOR-0900          # the old id still matches
            resource: {kind: Pod, namespace: ns, name: "a*", labels: {team: a}}
            reason: node agent, reviewed by security
            expires: 2026-12-31
          - control: KOR-0901
            resource: {name: b}
            reason: temporary
            expires: 2026-01-31
        """);
    Exceptions exceptions = Exceptions.load(file);
    Report r =
        engine(EngineOptions.defaults(TODAY).withExceptions(exceptions))
            .scan(snapshot(pod("a1", true) + pod("b", true) + pod("c", true)), List.of());
    Map<String, Finding> byName =
        r.findings().stream()
            .collect(java.util.stream.Collectors.toMap(f -> f.resource().name(), f -> f));
    assertThat(byName.get("a1").status()).isEqualTo(FindingStatus.EXCEPTED);
    assertThat(byName.get("a1").note()).isEqualTo("node agent, reviewed by security");
    assertThat(byName.get("b").status()).isEqualTo(FindingStatus.FAIL);
    assertThat(byName.get("b").note()).contains("expired on 2026-01-31");
    assertThat(byName.get("c").status()).isEqualTo(FindingStatus.FAIL);
    assertThat(r.summary().findings()).isEqualTo(2);
    assertThat(r.summary().excepted()).isEqualTo(1);
    assertThat(r.frameworks().get(0).controls().get(0).failedResources())
        .as("an excepted resource does not lower the score")
        .isEqualTo(2);
  }

  @Test
  void exceptionsFileErrorsNameFileAndEntry(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "exceptions:\n  - control: KOR-0001\n    reason: ''\n");
    assertThatThrownBy(() -> Exceptions.load(file))
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining("exceptions[0]")
        .hasMessageContaining("reason");
  }

  @Test
  void optionalControlsRunOnlyWhenEnabled() {
    ControlInfo info =
        ControlInfo.builder("KOR-0903")
            .title("Optional control")
            .severity(Severity.LOW)
            .description("Needs configuration.")
            .remediation("Configure it.")
            .kinds("Pod")
            .optional(true)
            .build();
    ObjectControl optional =
        new ObjectControl() {
          @Override
          public ControlInfo info() {
            return info;
          }

          @Override
          public List<Finding> check(KubeObject object, Snapshot snapshot) {
            return List.of(info.finding(object, JsonPointer.ROOT, "seen"));
          }
        };
    Catalog catalog = Catalog.of(List.of(optional));
    assertThat(new Engine(catalog, List.of(), EngineOptions.defaults(TODAY)).controls()).isEmpty();
    EngineOptions enabled =
        new EngineOptions(Optional.empty(), Exceptions.NONE, TODAY, true, List.of("KOR-0903"));
    assertThat(
            new Engine(catalog, List.of(), enabled)
                .scan(snapshot(pod("a", false)), List.of())
                .findings())
        .hasSize(1);
  }

  @Test
  void catalogRejectsDuplicateIdsAndAltIds() {
    assertThatThrownBy(() -> Catalog.of(List.of(new HostPid(), new HostPid())))
        .hasMessageContaining("duplicate control id KOR-0901");
  }
}
