package dev.kordon.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.server.Views.ClusterSummary;
import dev.kordon.server.Views.FindingQuery;
import dev.kordon.server.Views.FindingRow;
import dev.kordon.server.Views.Page;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the history must do on every database it supports: the same SQL runs on H2 and PostgreSQL
 * (one subclass each).
 */
abstract class HistoryContract {
  private static final long T0 = 1_780_000_000_000L;
  private static final long HOUR = 3_600_000L;

  /** A freshly migrated, empty database. */
  abstract Database database() throws Exception;

  @Test
  void aSecondReportTellsWhatIsNewAndWhatWasFixed() throws Exception {
    try (Database db = database()) {
      History h = new History(db);
      StoredReport first = h.store("prod", "scan", TestReports.parsed("insecure"), T0);
      assertThat(first.newFindings()).isEqualTo(151);
      assertThat(first.fixedFindings()).isZero();
      StoredReport second = h.store("prod", "scan", TestReports.parsed("hardened"), T0 + HOUR);
      assertThat(second.newFindings()).isEqualTo(3);
      assertThat(second.fixedFindings()).isEqualTo(150);

      ClusterSummary c = h.clusters(Optional.empty()).get(0);
      assertThat(c.name()).isEqualTo("prod");
      assertThat(c.reports()).isEqualTo(2);
      assertThat(c.counts().total()).isEqualTo(4);
      assertThat(c.counts().medium()).isEqualTo(4);
      assertThat(c.scores()).extracting(Views.Score::framework).contains("cis", "nsa");
      assertThat(h.trend("prod", 10)).extracting(p -> p.counts().total()).containsExactly(151, 4);
      assertThat(h.changedBy(second.id(), true, 50).total()).isEqualTo(3);
      assertThat(h.changedBy(second.id(), false, 50).total()).isEqualTo(150);
      assertThat(h.controls(second.id())).isNotEmpty();
      assertThat(h.namespaces("prod", 10)).isNotEmpty();
    }
  }

  @Test
  void theRbacAndNetworkPolicySummariesAreKeptWithTheirReport() throws Exception {
    try (Database db = database()) {
      History h = new History(db);
      StoredReport insecure = h.store("prod", "scan", TestReports.parsed("insecure"), T0);
      StoredReport hardened = h.store("prod", "scan", TestReports.parsed("hardened"), T0 + HOUR);
      // examples/insecure binds one ServiceAccount to cluster-admin; its one NetworkPolicy leaves
      // two of three namespaces without any
      assertThat(amount(h.summaries(insecure.id()), "rbac", "clusterAdminEquivalent")).isEqualTo(1);
      assertThat(amount(h.summaries(insecure.id()), "risk", "cluster-admin-equivalent"))
          .isEqualTo(1);
      assertThat(amount(h.summaries(insecure.id()), "netpol", "policies")).isEqualTo(1);
      assertThat(amount(h.summaries(insecure.id()), "netpol", "namespacesWithoutPolicy"))
          .isEqualTo(2);
      assertThat(amount(h.summaries(insecure.id()), "netpol", "podsWithUnrestrictedIngress"))
          .isEqualTo(4);
      assertThat(h.summaries(insecure.id()))
          .filteredOn(r -> r.area().equals("risk"))
          .allSatisfy(r -> assertThat(r.severity()).isIn("critical", "high", "medium", "low"));
      // examples/hardened: six policies, a default deny both ways, nobody is cluster-admin
      List<SummaryRow> after = h.summaries(hardened.id());
      assertThat(amount(after, "rbac", "clusterAdminEquivalent")).isZero();
      assertThat(amount(after, "netpol", "policies")).isEqualTo(6);
      assertThat(amount(after, "netpol", "podsWithUnrestrictedIngress")).isZero();
      assertThat(after).noneMatch(r -> r.area().equals("risk"));
      // in the order the report gave them: RBAC first, NetworkPolicy last
      assertThat(after.get(0).measure()).isEqualTo("subjects");
      assertThat(after.get(after.size() - 1).measure()).isEqualTo("rulesOpenToAll");

      // a report without the field (another command, an older Kordon) is kept without summaries
      tools.jackson.databind.json.JsonMapper m =
          tools.jackson.databind.json.JsonMapper.builder().build();
      tools.jackson.databind.node.ObjectNode old =
          (tools.jackson.databind.node.ObjectNode) m.readTree(TestReports.bytes("hardened"));
      old.remove("summaries");
      StoredReport third =
          h.store(
              "prod", "scan", new ReportParser().parse(m.writeValueAsBytes(old)), T0 + 2 * HOUR);
      assertThat(h.summaries(third.id())).isEmpty();
    }
  }

  private static int amount(List<SummaryRow> rows, String area, String measure) {
    return rows.stream()
        .filter(r -> r.area().equals(area) && r.measure().equals(measure))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + area + " " + measure + " in " + rows))
        .amount();
  }

  @Test
  void keysetPagesWalkTheListingForwardAndBackAsOffsetPagesDo() throws Exception {
    try (Database db = database()) {
      History h = new History(db);
      h.store("prod", "scan", TestReports.parsed("insecure"), T0);
      h.store("staging", "scan", TestReports.parsed("hardened"), T0);
      for (FindingQuery q :
          List.of(
              new FindingQuery(null, null, null, null, "all", null, 1, 500),
              new FindingQuery("prod", null, null, null, "open", null, 1, 500),
              new FindingQuery(null, "medium", null, null, "open", null, 1, 500),
              new FindingQuery(null, null, "KOR-0002", null, "open", null, 1, 500),
              new FindingQuery(null, null, null, "shop", "open", null, 1, 500))) {
        List<Long> all =
            h.search(q, Optional.empty()).items().stream().map(FindingRow::id).toList();
        assertThat(all).as(q.toString()).isNotEmpty();
        // forward, 7 a page, each page after the last row of the one before
        List<Long> walked = new java.util.ArrayList<>();
        List<List<Long>> pages = new java.util.ArrayList<>();
        FindingQuery page =
            new FindingQuery(
                q.cluster(), q.severity(), q.controlId(), q.namespace(), q.state(), null, 1, 7);
        for (int n = 1; ; n++) {
          List<Long> ids =
              h.search(page, Optional.empty()).items().stream().map(FindingRow::id).toList();
          if (ids.isEmpty()) {
            break;
          }
          pages.add(ids);
          walked.addAll(ids);
          page = page.after(ids.get(ids.size() - 1), n + 1);
        }
        assertThat(walked).as(q.toString()).isEqualTo(all);
        // back from the last page, each page before the first row of the one after
        for (int i = pages.size() - 1; i > 0; i--) {
          List<Long> previous =
              h.search(page.before(pages.get(i).get(0), i), Optional.empty()).items().stream()
                  .map(FindingRow::id)
                  .toList();
          assertThat(previous).as(q + " page " + i).isEqualTo(pages.get(i - 1));
        }
      }
    }
  }

  @Test
  void aFixedFindingThatComesBackIsReopenedWithItsHistory() throws Exception {
    try (Database db = database()) {
      History h = new History(db);
      h.store("prod", "scan", TestReports.parsed("insecure"), T0);
      h.store("prod", "scan", TestReports.parsed("hardened"), T0 + HOUR);
      StoredReport third = h.store("prod", "scan", TestReports.parsed("insecure"), T0 + 2 * HOUR);
      assertThat(third.newFindings()).isEqualTo(150);
      assertThat(third.fixedFindings()).isEqualTo(3);

      FindingRow reopened = h.changedBy(third.id(), true, 1).items().get(0);
      assertThat(reopened.reopened()).isEqualTo(1);
      assertThat(reopened.firstSeenMs()).isEqualTo(T0);
      assertThat(reopened.open()).isTrue();
      assertThat(h.periods(reopened.id()))
          .containsExactly(new Views.Period(T0, T0 + HOUR), new Views.Period(T0 + 2 * HOUR, null));
    }
  }

  @Test
  void aRewordedFindingKeepsItsHistoryAndShowsTheNewText() throws Exception {
    try (Database db = database()) {
      History h = new History(db);
      h.store("prod", "scan", TestReports.parsed("hardened"), T0);
      tools.jackson.databind.json.JsonMapper m =
          tools.jackson.databind.json.JsonMapper.builder().build();
      tools.jackson.databind.node.ObjectNode report =
          (tools.jackson.databind.node.ObjectNode) m.readTree(TestReports.bytes("hardened"));
      ((tools.jackson.databind.node.ObjectNode) report.get("findings").get(0))
          .put("message", "reworded by a newer Kordon");
      StoredReport second =
          h.store("prod", "scan", new ReportParser().parse(m.writeValueAsBytes(report)), T0 + HOUR);
      assertThat(second.newFindings()).isZero();
      assertThat(second.fixedFindings()).isZero();
      FindingRow f =
          h.search(
                  new FindingQuery("prod", null, null, null, "open", "reworded", 1, 10),
                  Optional.empty())
              .items()
              .get(0);
      assertThat(f.firstSeenMs()).isEqualTo(T0);
      assertThat(f.lastSeenMs()).isEqualTo(T0 + HOUR);
      assertThat(h.periods(f.id())).hasSize(1);
    }
  }

  @Test
  void searchFiltersAndPagesInSql() throws Exception {
    try (Database db = database()) {
      History h = new History(db);
      h.store("prod", "scan", TestReports.parsed("insecure"), T0);
      h.store("staging", "scan", TestReports.parsed("hardened"), T0);
      Page<FindingRow> all =
          h.search(new FindingQuery(null, null, null, null, "open", null, 1, 50), Optional.empty());
      assertThat(all.total()).isEqualTo(155);
      assertThat(all.items()).hasSize(50);
      assertThat(all.pages()).isEqualTo(4);
      Page<FindingRow> last =
          h.search(new FindingQuery(null, null, null, null, "open", null, 4, 50), Optional.empty());
      assertThat(last.items()).hasSize(5);
      // worst first across pages
      assertThat(all.items().get(0).severity()).isEqualTo("critical");

      Page<FindingRow> high =
          h.search(
              new FindingQuery("prod", "high", null, null, "open", null, 1, 500), Optional.empty());
      assertThat(high.total()).isEqualTo(27);
      assertThat(high.items()).allMatch(f -> f.severity().equals("high"));

      String control = high.items().get(0).controlId();
      Page<FindingRow> byControl =
          h.search(
              new FindingQuery(null, null, control, null, "all", null, 1, 500), Optional.empty());
      assertThat(byControl.items()).allMatch(f -> f.controlId().equals(control));

      Page<FindingRow> staging =
          h.search(
              new FindingQuery(null, null, null, null, "open", null, 1, 50),
              Optional.of(Set.of("staging")));
      assertThat(staging.total()).isEqualTo(4);
      assertThat(h.clusters(Optional.of(Set.of("staging"))))
          .extracting(ClusterSummary::name)
          .containsExactly("staging");
      assertThat(h.finding(high.items().get(0).id(), Optional.of(Set.of("staging")))).isEmpty();

      // the text filter treats % and _ literally
      assertThat(
              h.search(
                      new FindingQuery(null, null, null, null, "all", "%", 1, 50), Optional.empty())
                  .total())
          .isZero();
    }
  }

  @Test
  void retentionForgetsOldReportsButKeepsEachClustersLatest() throws Exception {
    try (Database db = database()) {
      History h = new History(db);
      h.store("prod", "scan", TestReports.parsed("insecure"), T0);
      h.store("prod", "scan", TestReports.parsed("hardened"), T0 + 100 * HOUR);
      h.store("old", "scan", TestReports.parsed("hardened"), T0);
      int deleted = h.retain(T0 + 50 * HOUR);
      assertThat(deleted).isEqualTo(1);
      assertThat(h.trend("prod", 10)).hasSize(1);
      assertThat(h.trend("old", 10)).hasSize(1);
      // the findings fixed before the cutoff are gone, the open ones stay
      assertThat(
              h.search(
                      new FindingQuery("prod", null, null, null, "all", null, 1, 500),
                      Optional.empty())
                  .total())
          .isEqualTo(4);
    }
  }

  @Test
  void tokensAreStoredHashedAndScopedPerCluster() throws Exception {
    try (Database db = database()) {
      Tokens tokens = new Tokens(db);
      String token = tokens.create("ci", Scope.parseAll("upload:prod,read:prod"), T0);
      assertThat(token).startsWith("kdn_").hasSizeGreaterThan(40);
      try (var c = db.open();
          var rs = c.createStatement().executeQuery("SELECT token_hash FROM api_tokens")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo(Tokens.hash(token)).doesNotContain(token);
      }
      Access access = tokens.check(token).orElseThrow();
      assertThat(access.canUpload("prod")).isTrue();
      assertThat(access.canUpload("staging")).isFalse();
      assertThat(access.readableClusters()).contains(Set.of("prod"));
      assertThat(tokens.check(token + "x")).isEmpty();
      assertThat(tokens.check("kdn_nothing")).isEmpty();
    }
  }

  @Test
  void aFailedUploadLeavesNothingBehind() throws Exception {
    try (Database db = database()) {
      History ok = new History(db);
      ok.store("prod", "scan", TestReports.parsed("insecure"), T0);
      History failing =
          new History(
              db,
              stage -> {
                if (stage.equals("commit")) {
                  throw new SQLException("No space left on device");
                }
              });
      assertThatThrownBy(
              () -> failing.store("prod", "scan", TestReports.parsed("hardened"), T0 + HOUR))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("No space left");
      ClusterSummary c = ok.clusters(Optional.empty()).get(0);
      assertThat(c.reports()).isEqualTo(1);
      assertThat(c.counts().total()).isEqualTo(151);
      assertThat(
              ok.search(
                      new FindingQuery("prod", null, null, null, "open", null, 1, 1),
                      Optional.empty())
                  .total())
          .isEqualTo(151);
      // and the next upload works as if the failed one never happened
      StoredReport next = ok.store("prod", "scan", TestReports.parsed("hardened"), T0 + HOUR);
      assertThat(next.fixedFindings()).isEqualTo(150);
      assertThat(List.of(next.newFindings())).containsExactly(3);
    }
  }
}
