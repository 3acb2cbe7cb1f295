package dev.kordon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.control.Control;
import dev.kordon.control.ControlInfo;
import dev.kordon.control.ControlSettings;
import dev.kordon.control.PodControl;
import dev.kordon.control.pss.PssControls;
import dev.kordon.framework.Framework;
import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.report.Report;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog control that declares a PSS check and the check's own control catching the same field
 * give one finding with both controls' references; nothing else is merged.
 */
class SameCheckMergeTest {

  private static final String PRIVILEGED_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: debug
        namespace: ops
      spec:
        containers:
          - name: shell
            image: alpine:3.20
            securityContext:
              privileged: true
          - name: hostile
            image: alpine:3.20
            ports:
              - containerPort: 80
                hostPort: 80
      """;

  private static final String PRIVILEGED_FIELD = "/spec/containers/0/securityContext/privileged";

  @TempDir Path dir;

  private static Report scan(Catalog catalog, String yaml) {
    return scan(catalog, yaml, Exceptions.NONE);
  }

  private static Report scan(Catalog catalog, String yaml, Exceptions exceptions) {
    ReadResult read = new ManifestReader().read("pod.yaml", yaml);
    Engine engine =
        new Engine(
            catalog,
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 1, 1))
                .sequential()
                .withExceptions(exceptions));
    return engine.scan(Snapshot.of(read.objects()), read.problems());
  }

  private static List<Finding> at(Report report, String pointer) {
    return report.findings().stream().filter(f -> f.path().toString().equals(pointer)).toList();
  }

  private static FrameworkScore.ControlScore score(Report report, String fw, String control) {
    return report.frameworks().stream()
        .filter(s -> s.id().equals(fw))
        .findFirst()
        .orElseThrow()
        .controls()
        .stream()
        .filter(c -> c.controlId().equals(control))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void kor0001AndThePssPrivilegedCheckGiveOneFinding() {
    Report report = scan(Catalog.builtIn(), PRIVILEGED_POD);
    List<Finding> atField = at(report, PRIVILEGED_FIELD);
    assertThat(atField).extracting(Finding::controlId).containsExactly("KOR-0001");
    assertThat(atField.get(0).refs()).contains("pss:baseline/privileged", "cis:5.2.2");
    assertThat(atField.get(0).frameworks()).contains("pss-baseline", "pss-restricted", "cis");
    // the host port is caught by KOR-0012 and by the PSS hostPorts check: one finding, both refs
    List<Finding> atPort = at(report, "/spec/containers/1/ports/0/hostPort");
    assertThat(atPort).extracting(Finding::controlId).containsExactly("KOR-0012");
    assertThat(atPort.get(0).refs()).contains("pss:baseline/hostPorts");
    // pss-baseline still counts the failure of its privileged check, and KOR-0001's
    assertThat(score(report, "pss-baseline", "KOR-0206").failedResources()).isEqualTo(1);
    assertThat(score(report, "pss-baseline", "KOR-0001").failedResources()).isEqualTo(1);
  }

  @Test
  void aPssCheckThatNoControlInTheScanDeclaresKeepsItsOwnFinding() {
    List<Control> onlyPrivileged = new ArrayList<>();
    onlyPrivileged.add(Catalog.builtIn().find("KOR-0001").orElseThrow());
    onlyPrivileged.addAll(PssControls.all(ControlSettings.DEFAULT));
    assertThat(scan(Catalog.of(onlyPrivileged), PRIVILEGED_POD).findings())
        .extracting(Finding::controlId)
        .contains("KOR-0001", "KOR-0204")
        .doesNotContain("KOR-0206");
  }

  /** A catalog control of the test, reporting privileged containers at a chosen pointer. */
  private record TestPrivileged(ControlInfo info, Function<ContainerView, JsonPointer> where)
      implements PodControl {
    @Override
    public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
      List<Finding> out = new ArrayList<>();
      for (ContainerView c : pod.allContainers()) {
        if (c.securityContext().path("privileged").asBoolean(false)) {
          out.add(info.finding(pod.object(), where.apply(c), "priv"));
        }
      }
      return out;
    }
  }

  private static ControlInfo.Builder testInfo() {
    return ControlInfo.builder("KOR-0999")
        .title("Privileged container in test")
        .severity(Severity.HIGH)
        .description("Test control.")
        .remediation("Remove privileged.")
        .kinds(PodSpecView.WORKLOAD_KINDS);
  }

  private static Catalog withPss(Control control) {
    List<Control> controls = new ArrayList<>();
    controls.add(control);
    controls.addAll(PssControls.all(ControlSettings.DEFAULT));
    return Catalog.of(controls);
  }

  @Test
  void theDeclaredLinkMergesTheFindingAndAddsThePssReferences() {
    ControlInfo info =
        testInfo().refs("cis:5.2.2", "pss:baseline/privileged").pssChecks("privileged").build();
    Report report =
        scan(
            withPss(new TestPrivileged(info, c -> c.field("securityContext", "privileged"))),
            PRIVILEGED_POD);
    List<Finding> atField = at(report, PRIVILEGED_FIELD);
    assertThat(atField).extracting(Finding::controlId).containsExactly("KOR-0999");
    assertThat(atField.get(0).refs()).containsExactly("cis:5.2.2", "pss:baseline/privileged");
    assertThat(atField.get(0).frameworks()).contains("cis", "pss-baseline", "pss-restricted");
  }

  @Test
  void withoutADeclaredLinkTheSameFieldIsNotMerged() {
    ControlInfo info = testInfo().refs("cis:5.2.2").build();
    Report report =
        scan(
            withPss(new TestPrivileged(info, c -> c.field("securityContext", "privileged"))),
            PRIVILEGED_POD);
    assertThat(at(report, PRIVILEGED_FIELD))
        .extracting(Finding::controlId)
        .containsExactlyInAnyOrder("KOR-0999", "KOR-0206");
  }

  @Test
  void aLinkedControlOnAnEnclosingFieldIsNotMerged() {
    ControlInfo info = testInfo().refs("pss:baseline/privileged").pssChecks("privileged").build();
    Report report = scan(withPss(new TestPrivileged(info, ContainerView::pointer)), PRIVILEGED_POD);
    assertThat(at(report, "/spec/containers/0"))
        .extracting(Finding::controlId)
        .contains("KOR-0999");
    assertThat(at(report, PRIVILEGED_FIELD))
        .extracting(Finding::controlId)
        .containsExactly("KOR-0206");
  }

  @Test
  void findingsOnOtherObjectsAreNotMerged() {
    ControlInfo info = testInfo().refs("pss:baseline/privileged").pssChecks("privileged").build();
    String unprivileged = PRIVILEGED_POD.replace("privileged: true", "privileged: false");
    Report report =
        scan(
            withPss(new TestPrivileged(info, c -> c.field("securityContext", "privileged"))),
            unprivileged + "---\n" + PRIVILEGED_POD.replace("debug", "other"));
    assertThat(report.findings())
        .filteredOn(f -> f.resource().name().equals("debug"))
        .extracting(Finding::controlId)
        .doesNotContain("KOR-0999", "KOR-0206");
    assertThat(report.findings())
        .filteredOn(f -> f.resource().name().equals("other"))
        .extracting(Finding::controlId)
        .contains("KOR-0999")
        .doesNotContain("KOR-0206");
  }

  private Exceptions exceptionsFor(String control) throws IOException {
    Path file = dir.resolve(control + "-exceptions.yaml");
    Files.writeString(
        file,
        """
        apiVersion: kordon.dev/v1
        kind: Exceptions
        exceptions:
          - control: %s
            resource: {kind: Pod, namespace: ops, name: debug}
            reason: debugging pod, ticket OPS-7
        """
            .formatted(control));
    return Exceptions.load(file);
  }

  @Test
  void anExceptionNamingTheCatalogControlExceptsTheWholeFinding() throws IOException {
    Report report = scan(Catalog.builtIn(), PRIVILEGED_POD, exceptionsFor("KOR-0001"));
    assertThat(at(report, PRIVILEGED_FIELD))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.EXCEPTED))
        .satisfies(f -> assertThat(f.note()).isEqualTo("debugging pod, ticket OPS-7"));
    assertThat(report.findings())
        .filteredOn(Finding::failed)
        .extracting(f -> f.path().toString())
        .doesNotContain(PRIVILEGED_FIELD);
    // the accepted risk no longer lowers the Pod Security score either
    assertThat(score(report, "pss-baseline", "KOR-0206").failedResources()).isZero();
    // the host port, another field, still fails
    assertThat(at(report, "/spec/containers/1/ports/0/hostPort"))
        .singleElement()
        .satisfies(f -> assertThat(f.failed()).isTrue());
  }

  @Test
  void anExceptionNamingThePssControlExceptsTheWholeFinding() throws IOException {
    Report report = scan(Catalog.builtIn(), PRIVILEGED_POD, exceptionsFor("KOR-0206"));
    assertThat(at(report, PRIVILEGED_FIELD))
        .singleElement()
        .satisfies(f -> assertThat(f.controlId()).isEqualTo("KOR-0001"))
        .satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.EXCEPTED));
    assertThat(report.findings())
        .filteredOn(Finding::failed)
        .extracting(f -> f.path().toString())
        .doesNotContain(PRIVILEGED_FIELD);
    assertThat(score(report, "pss-baseline", "KOR-0001").failedResources()).isZero();
  }

  @Test
  void anExceptionForAnotherControlLeavesTheFindingFailing() throws IOException {
    Report report = scan(Catalog.builtIn(), PRIVILEGED_POD, exceptionsFor("KOR-0204"));
    assertThat(at(report, PRIVILEGED_FIELD))
        .singleElement()
        .satisfies(f -> assertThat(f.failed()).isTrue());
    assertThat(at(report, "/spec/containers/1/ports/0/hostPort"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.EXCEPTED));
  }
}
