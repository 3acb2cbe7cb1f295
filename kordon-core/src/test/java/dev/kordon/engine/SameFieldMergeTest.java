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
import dev.kordon.model.Severity;
import dev.kordon.report.Report;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A catalog control and a PSS check catching the same field give one finding with both refs. */
class SameFieldMergeTest {

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

  private static Report scan(Catalog catalog, String yaml) {
    ReadResult read = new ManifestReader().read("pod.yaml", yaml);
    Engine engine =
        new Engine(
            catalog,
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 1, 1)).sequential());
    return engine.scan(Snapshot.of(read.objects()), read.problems());
  }

  @Test
  void kor0001AndThePssPrivilegedCheckGiveOneFinding() {
    Report report = scan(Catalog.builtIn(), PRIVILEGED_POD);
    List<Finding> atField =
        report.findings().stream()
            .filter(
                f -> f.path().toString().equals("/spec/containers/0/securityContext/privileged"))
            .toList();
    assertThat(atField).extracting(Finding::controlId).containsExactly("KOR-0001");
    assertThat(atField.get(0).refs()).contains("pss:baseline/privileged", "cis:5.2.2");
    assertThat(atField.get(0).frameworks()).contains("pss-baseline", "pss-restricted", "cis");
    // a PSS check no catalog control covers keeps its own finding
    assertThat(report.findings())
        .extracting(Finding::controlId)
        .contains("KOR-0204")
        .doesNotContain("KOR-0206");
    // pss-baseline still counts the failure of its privileged check
    FrameworkScore baseline =
        report.frameworks().stream()
            .filter(s -> s.id().equals("pss-baseline"))
            .findFirst()
            .orElseThrow();
    assertThat(baseline.controls())
        .filteredOn(c -> c.controlId().equals("KOR-0206"))
        .singleElement()
        .satisfies(c -> assertThat(c.failedResources()).isEqualTo(1));
  }

  /** A catalog control without any PSS reference, pointing at the same field. */
  private static final class RootlessPrivileged implements PodControl {
    static final ControlInfo INFO =
        ControlInfo.builder("KOR-0999")
            .title("Privileged container in test")
            .severity(Severity.HIGH)
            .description("Test control.")
            .remediation("Remove privileged.")
            .kinds(PodSpecView.WORKLOAD_KINDS)
            .refs("cis:5.2.2")
            .build();

    @Override
    public ControlInfo info() {
      return INFO;
    }

    @Override
    public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
      List<Finding> out = new ArrayList<>();
      for (ContainerView c : pod.allContainers()) {
        if (c.securityContext().path("privileged").asBoolean(false)) {
          out.add(INFO.finding(pod.object(), c.field("securityContext", "privileged"), "priv"));
        }
      }
      return out;
    }
  }

  @Test
  void thePssReferencesAreAddedToTheCatalogFinding() {
    List<Control> controls = new ArrayList<>();
    controls.add(new RootlessPrivileged());
    controls.addAll(PssControls.all(ControlSettings.DEFAULT));
    Report report = scan(Catalog.of(controls), PRIVILEGED_POD);
    Finding merged =
        report.findings().stream()
            .filter(f -> f.controlId().equals("KOR-0999"))
            .findFirst()
            .orElseThrow();
    assertThat(merged.refs()).containsExactly("cis:5.2.2", "pss:baseline/privileged");
    assertThat(merged.frameworks()).contains("cis", "pss-baseline", "pss-restricted");
    assertThat(report.findings()).extracting(Finding::controlId).doesNotContain("KOR-0206");
  }

  @Test
  void findingsOnOtherFieldsOrObjectsAreNotMerged() {
    List<Control> controls = new ArrayList<>();
    controls.add(new RootlessPrivileged());
    controls.addAll(PssControls.all(ControlSettings.DEFAULT));
    String unprivileged = PRIVILEGED_POD.replace("privileged: true", "privileged: false");
    Report report =
        scan(
            Catalog.of(controls),
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
}
