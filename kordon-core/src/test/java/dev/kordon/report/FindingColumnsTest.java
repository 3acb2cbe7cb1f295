package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.Evidence;
import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.Severity;
import dev.kordon.model.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Findings kept in columns come back equal, in the report order a sort of the records gives. */
class FindingColumnsTest {

  // the report order, as the engine sorted finding records before they were kept in columns
  private static final Comparator<Finding> ORDER =
      Comparator.comparing(
              (Finding f) -> f.location().isPresent() ? f.location().get().file() : "\uffff")
          .thenComparingInt(f -> f.location().isPresent() ? f.location().get().line() : 0)
          .thenComparing(Finding::controlId)
          .thenComparing(Finding::resource)
          .thenComparing(Finding::path)
          .thenComparing(Finding::message);

  private static final java.util.Map<String, String> TITLES =
      java.util.Map.of(
          "KOR-0001", "title of KOR-0001",
          "KOR-0010", "title of KOR-0010",
          "KOR-0206", "title of KOR-0206");
  private static final List<String> NSA = List.of("nsa");
  private static final List<String> CIS_NSA = List.of("cis", "nsa");

  private static List<Finding> findings(Random random, int n) {
    List<String> files = List.of("a.yaml", "b/c.yaml", "b/\u00e9.yaml");
    List<ObjectRef> refs =
        List.of(
            new ObjectRef("v1", "Pod", "a", "web"),
            new ObjectRef("apps/v1", "Deployment", "a", "web"),
            new ObjectRef("v1", "Node", "", "n1"));
    List<JsonPointer> paths =
        List.of(
            JsonPointer.ROOT,
            JsonPointer.of("spec", "hostPID"),
            JsonPointer.of("spec", "containers", "0", "image"));
    List<String> controls = List.of("KOR-0001", "KOR-0010", "KOR-0206");
    List<Finding> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String control = controls.get(random.nextInt(controls.size()));
      ObjectRef ref = refs.get(random.nextInt(refs.size()));
      JsonPointer path = paths.get(random.nextInt(paths.size()));
      if (random.nextBoolean()) {
        // equal values in other instances, so that the sort's identity shortcuts are not all
        // it meets
        ref =
            new ObjectRef(
                new String(ref.apiVersion()),
                new String(ref.kind()),
                new String(ref.namespace()),
                new String(ref.name()));
        path = JsonPointer.parse(new String(path.toString()));
      }
      Optional<SourceLocation> at =
          random.nextInt(5) == 0
              ? Optional.empty()
              : Optional.of(
                  new SourceLocation(
                      new String(files.get(random.nextInt(files.size()))),
                      1 + random.nextInt(4),
                      1 + random.nextInt(3)));
      // equal sort keys with different fingerprints: the order they were added in must stay
      String fingerprint =
          switch (random.nextInt(5)) {
            case 0 -> "not-hex-" + i;
            case 1 -> String.format("%016x", random.nextLong());
            case 2 -> String.format("%016X", random.nextLong()); // upper case: kept as a string
            default -> Finding.fingerprint(control, ref, path);
          };
      Finding f =
          new Finding(
              control,
              // mostly the same instances, as a control's constants are (the columns' fast path)
              random.nextInt(4) == 0 ? "title of " + control : TITLES.get(control),
              Severity.values()[random.nextInt(Severity.values().length)],
              ref,
              path,
              at,
              "message " + random.nextInt(3),
              "remediation",
              fingerprint,
              random.nextBoolean() ? NSA : random.nextBoolean() ? CIS_NSA : List.of("cis", "nsa"),
              FindingStatus.FAIL,
              "",
              random.nextBoolean() ? List.of() : List.of("pss:baseline"),
              random.nextInt(10) == 0
                  ? new Evidence(
                      List.of("a" + i),
                      1,
                      "alice",
                      List.of(),
                      "",
                      List.of(),
                      "",
                      Evidence.Target.NONE,
                      "",
                      "")
                  : Evidence.NONE);
      out.add(random.nextInt(6) == 0 ? f.withStatus(FindingStatus.EXCEPTED, "accepted") : f);
    }
    return out;
  }

  @Test
  void sortedGivesTheRecordsInReportOrder() {
    Random random = new Random(18);
    for (int round = 0; round < 50; round++) {
      List<Finding> all = findings(random, random.nextInt(300));
      FindingColumns columns = new FindingColumns();
      all.forEach(columns::add);
      List<Finding> expected = new ArrayList<>(all);
      expected.sort(ORDER); // stable, as the columns' sort

      List<Finding> sorted = columns.sorted();

      assertThat(sorted).hasSize(all.size());
      for (int i = 0; i < all.size(); i++) {
        // one by one, to see the fingerprint too (records equal on every component)
        assertThat(sorted.get(i)).isEqualTo(expected.get(i));
      }
      assertThat(sorted).isEqualTo(expected);
      assertThat(columns.summary(7)).isEqualTo(Summary.of(7, all));
    }
  }

  @Test
  void aReportKeepsTheColumnsAsTheyAre() {
    FindingColumns columns = new FindingColumns();
    findings(new Random(1), 40).forEach(columns::add);
    List<Finding> sorted = columns.sorted();
    Report report =
        new Report(
            Report.Tool.KORDON,
            columns.summary(3),
            sorted,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());

    assertThat(report.findings()).isSameAs(sorted);
    assertThat(
            report
                .withSection(new ReportSection.Text("notes", "", List.of("a line"), null))
                .findings())
        .isSameAs(sorted);
    assertThat(report.failedFindings()).allMatch(Finding::failed);
    List<Finding> copy = new ArrayList<>(sorted);
    Collections.reverse(copy);
    assertThat(copy).containsExactlyInAnyOrderElementsOf(sorted);
  }
}
