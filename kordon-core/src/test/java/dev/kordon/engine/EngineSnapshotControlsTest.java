package dev.kordon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.control.Control;
import dev.kordon.control.ControlInfo;
import dev.kordon.control.SnapshotControl;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.report.Report;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshot controls run side by side give the report they gave one after the other. */
class EngineSnapshotControlsTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  /** One finding per ConfigMap; may fail in its check or in its count. */
  private record PerConfigMap(int n, boolean failCheck, boolean failCount)
      implements SnapshotControl {
    @Override
    public ControlInfo info() {
      return ControlInfo.builder("KOR-09" + (10 + n))
          .title("Snapshot control " + n)
          .severity(Severity.values()[n % Severity.values().length])
          .description("Looks across objects.")
          .remediation("Change the objects.")
          .kinds("ConfigMap")
          .refs(n % 2 == 0 ? "cis:1.1" : "nsa:x")
          .build();
    }

    @Override
    public List<Finding> check(Snapshot snapshot) {
      if (failCheck) {
        throw new IllegalStateException("check " + n);
      }
      List<Finding> out = new ArrayList<>();
      for (KubeObject o : snapshot.ofKind("ConfigMap")) {
        out.add(info().finding(o, JsonPointer.of("metadata", "name"), "control " + n));
      }
      return out;
    }

    @Override
    public int evaluated(Snapshot snapshot) {
      if (failCount) {
        throw new IllegalStateException("count " + n);
      }
      return SnapshotControl.super.evaluated(snapshot);
    }
  }

  @Test
  void parallelGivesTheSequentialReport() {
    List<Control> controls = new ArrayList<>();
    for (int n = 0; n < 24; n++) {
      controls.add(new PerConfigMap(n, n % 7 == 3, n % 5 == 4));
    }
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm")
          .append(i)
          .append(", namespace: ns}\n");
    }
    Snapshot snapshot =
        Snapshot.of(new ManifestReader().read("in.yaml", yaml.toString()).objects());
    List<Framework> fws =
        List.of(
            new Framework("cis", "CIS", "1", List.of("cis:"), List.of()),
            new Framework("nsa", "NSA", "1", List.of("nsa:"), List.of()));
    Report parallel =
        new Engine(Catalog.of(controls), fws, EngineOptions.defaults(TODAY))
            .scan(snapshot, List.of());
    Report sequential =
        new Engine(Catalog.of(controls), fws, EngineOptions.defaults(TODAY).sequential())
            .scan(snapshot, List.of());

    assertThat(parallel.findings()).isEqualTo(sequential.findings());
    assertThat(parallel.errors()).isEqualTo(sequential.errors());
    assertThat(parallel.frameworks()).isEqualTo(sequential.frameworks());
    assertThat(parallel.controlSummaries()).isEqualTo(sequential.controlSummaries());
    // a failed check gives no findings; a failed count keeps the findings and reports the error
    assertThat(parallel.errors())
        .extracting(e -> e.message().replaceAll(".*IllegalStateException: ", ""))
        .containsExactly(
            "check 3", "count 4", "count 9", "check 10", "count 14", "check 17", "count 19");
    assertThat(parallel.findings()).filteredOn(f -> f.message().equals("control 3")).isEmpty();
    assertThat(parallel.findings()).filteredOn(f -> f.message().equals("control 4")).hasSize(20);
  }
}
