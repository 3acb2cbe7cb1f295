package dev.kordon.control.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.control.ControlSettings;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.RiskCatalog;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import dev.kordon.testing.RealWorldCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kordon scan} and {@code kordon rbac risks} agree on every risky binding: each holding of a
 * high or critical catalog risk by a subject that {@code rbac risks} shows without {@code --system}
 * has a KOR-0100 or KOR-0152 finding on that binding subject entry, exactly one, and each finding
 * of those controls (and of KOR-0151) stands on such a holding. Risk severity maps to the scan as
 * {@link RiskCatalog#REPORTED}: high and critical are findings, medium and low only risks rows.
 */
class ScanAndRisksAgreeTest {

  private static final Set<String> HOLDING_CONTROLS = Set.of("KOR-0100", "KOR-0152");

  private static final Engine ENGINE =
      new Engine(
          Catalog.builtIn(ControlSettings.DEFAULT),
          Framework.builtIn(),
          EngineOptions.defaults(LocalDate.of(2026, 1, 1)).sequential());

  /** The RBAC controls' fixtures and the RBAC analyzer's test cluster, one input set each. */
  static Stream<String> inputs() {
    return Stream.of(
        "controls/KOR-0100/fail-bindings.yaml",
        "controls/KOR-0100/fail-broad-and-look-alike-subjects.yaml",
        "controls/KOR-0100/pass-bindings.yaml",
        "controls/KOR-0100/pass-genuine-and-narrowed.yaml",
        "controls/KOR-0101/fail-anonymous.yaml",
        "controls/KOR-0101/fail-widened-public-info-viewer.yaml",
        "controls/KOR-0101/pass-upstream-defaults.yaml",
        "controls/KOR-0102/fail-wildcards.yaml",
        "controls/KOR-0150/fail-bind-and-impersonate.yaml",
        "controls/KOR-0150/fail-pod-create-to-admin-service-account.yaml",
        "controls/KOR-0150/pass-bounded-permissions.yaml",
        "controls/KOR-0151/fail-deployment-reads-secrets.yaml",
        "controls/KOR-0151/pass-no-token-or-harmless.yaml",
        "controls/KOR-0152/fail-risky-grants.yaml",
        "controls/KOR-0152/pass-bootstrap-and-bounded.yaml",
        "rbac/cluster.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void scanFindingsAreExactlyTheReportedHoldings(String resource) {
    assertAgree(snapshot(resource));
  }

  @Test
  void realWorldCorpusAgrees() {
    ReadResult read = RealWorldCorpus.read();
    Agreement a = assertAgree(Snapshot.of(read.objects()));
    assertThat(a.findings()).as("the corpus holds risky grants").isNotEmpty();
  }

  @Test
  void clusterAdminToEveryAuthenticatedIdentityIsOnBothSides() {
    Agreement a =
        assertAgree(snapshot("controls/KOR-0100/fail-broad-and-look-alike-subjects.yaml"));
    assertThat(a.holdings())
        .contains(
            "ClusterRoleBinding/everyone-is-admin/subjects/0",
            "ClusterRoleBinding/everyone-is-admin/subjects/1",
            "ClusterRoleBinding/everyone-is-admin/subjects/2",
            "ClusterRoleBinding/platform-team/subjects/0")
        .doesNotContain("ClusterRoleBinding/everyone-is-admin/subjects/3");
  }

  @Test
  void widenedPublicInfoViewerForUnauthenticatedIsOnBothSides() {
    Agreement a = assertAgree(snapshot("controls/KOR-0152/fail-risky-grants.yaml"));
    assertThat(a.holdings())
        .contains(
            "ClusterRoleBinding/system:public-info-viewer/subjects/1",
            "ClusterRoleBinding/secrets-for-all/subjects/0",
            "RoleBinding/shop/shop-secrets/subjects/0",
            "ClusterRoleBinding/ci-rbac/subjects/0",
            "ClusterRoleBinding/sre-node-debug/subjects/0",
            "RoleBinding/shop/shop-editors/subjects/0")
        .doesNotContain("ClusterRoleBinding/secrets-for-all/subjects/1");
  }

  @Test
  void genuineBootstrapBindingsAreOnNeitherSide() {
    Agreement a = assertAgree(snapshot("controls/KOR-0152/pass-bootstrap-and-bounded.yaml"));
    assertThat(a.holdings()).containsExactly("ClusterRoleBinding/ops-admin/subjects/0");
  }

  /** Entries ({@code kind ns/name/subjects/i}) on each side. */
  record Agreement(Set<String> holdings, Set<String> findings) {}

  private static Agreement assertAgree(Snapshot snapshot) {
    List<RiskCatalog.Holding> all = RiskCatalog.builtIn().holders(RbacGraph.of(snapshot));
    Set<String> reported = new TreeSet<>();
    Set<String> highAnyone = new TreeSet<>();
    for (RiskCatalog.Holding h : all) {
      // the rows `kordon rbac risks --severity high` shows without --system
      boolean shown = h.risk().severity().atLeast(RiskCatalog.REPORTED) && !h.subject().isSystem();
      assertThat(h.reported()).isEqualTo(shown);
      String entry = entry(h);
      if (shown) {
        reported.add(entry);
      }
      if (h.risk().severity().atLeast(RiskCatalog.REPORTED)) {
        highAnyone.add(entry);
      }
    }
    List<Finding> findings = ENGINE.scan(snapshot, List.of()).findings();
    List<String> holdingFindings = new ArrayList<>();
    List<String> perFile = new ArrayList<>();
    Set<String> workloadFindings = new TreeSet<>();
    for (Finding f : findings) {
      if (HOLDING_CONTROLS.contains(f.controlId())) {
        holdingFindings.add(entry(f));
        // a binding written in two files is reported in each, but once per file
        perFile.add(f.location().map(l -> l.file()).orElse("") + " " + entry(f));
      } else if (f.controlId().equals("KOR-0151")) {
        workloadFindings.add(entry(f));
      }
    }
    assertThat(perFile)
        .as("one KOR-0100 or KOR-0152 finding per reported binding entry")
        .doesNotHaveDuplicates();
    assertThat(new TreeSet<>(holdingFindings))
        .as("KOR-0100 and KOR-0152 report exactly the reported holdings")
        .containsExactlyElementsOf(reported);
    assertThat(highAnyone)
        .as("KOR-0151 reports only entries holding a high or critical risk")
        .containsAll(workloadFindings);
    return new Agreement(reported, new TreeSet<>(holdingFindings));
  }

  private static String entry(RiskCatalog.Holding h) {
    return h.access().grant().binding().object().ref().display()
        + h.access().grant().entry().pointer();
  }

  /** A finding on {@code /subjects/i} or {@code /subjects/i/name}, as the entry it is about. */
  private static String entry(Finding f) {
    String path = f.path().toString();
    String subject = path.replaceFirst("^(/subjects/\\d+).*$", "$1");
    return f.resource().display() + subject;
  }

  private static Snapshot snapshot(String resource) {
    try (InputStream in = ScanAndRisksAgreeTest.class.getResourceAsStream("/" + resource)) {
      assertThat(in).as(resource).isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      ReadResult read = new ManifestReader().read(resource, text);
      assertThat(read.hasErrors()).as(read.problems().toString()).isFalse();
      return Snapshot.of(read.objects());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
