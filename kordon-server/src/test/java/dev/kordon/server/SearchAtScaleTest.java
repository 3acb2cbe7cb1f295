package dev.kordon.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.server.Views.FindingQuery;
import dev.kordon.server.Views.FindingRow;
import dev.kordon.server.Views.Page;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search over 12,000 findings in the embedded database: deep pages are read by keyset from an
 * index, which the database's own plan shows (rows scanned, not time), and give the same rows as
 * OFFSET would.
 *
 * <p>Rows scanned, not time, is what the assertions read, so the property holds at any size above
 * the count's cap: 12,000 findings (more than {@link Page#COUNT_CAP}) put a cursor 9,000 rows deep,
 * where OFFSET scans 18 times what the keyset may. H2 inserts only about 1,600 findings a second
 * into this table with the search's indexes: 120,000 took 75 s at rest. {@code
 * -Dkordon.searchAtScale.findings=120000} runs that size; {@code bench/server-load.sh} times the
 * pages over 560,000 stored findings.
 */
class SearchAtScaleTest {
  private static final int FINDINGS = Integer.getInteger("kordon.searchAtScale.findings", 12_000);
  private static final int PAGE = 50;
  private static final int DEEP = FINDINGS * 3 / 4;

  @TempDir static Path dir;
  private static Database db;
  private static History history;

  @BeforeAll
  static void load() throws Exception {
    assertThat(FINDINGS)
        .as("more findings than the count's cap")
        .isGreaterThan((int) Page.COUNT_CAP);
    db = Database.open(Database.h2FileUrl(dir.resolve("scale")), Map.of());
    history = new History(db);
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO clusters (name, created_ms) VALUES ('a', 0), ('b', 0)");
      }
      long a;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MIN(id) FROM clusters")) {
        rs.next();
        a = rs.getLong(1);
      }
      // one statement on the database side (H2's SYSTEM_RANGE): a JDBC round trip per finding
      // would take minutes on a loaded machine
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO findings (cluster_id, fingerprint, control_id, title, severity,"
                  + " severity_rank, status, namespace, kind, name, message, remediation, refs,"
                  + " text_hash, first_seen_ms, last_seen_ms, opened_report_id, is_open,"
                  + " reopened) SELECT ? + MOD(X, 2), 'fp-' || X,"
                  + " 'KOR-' || LPAD(CAST(MOD(X * 13, 120) AS VARCHAR), 4, '0'), 't',"
                  + " CASEWHEN(MOD(X * 7, 4) = 0, 'critical', CASEWHEN(MOD(X * 7, 4) = 1, 'high',"
                  + " CASEWHEN(MOD(X * 7, 4) = 2, 'medium', 'low'))), MOD(X * 7, 4), 'fail',"
                  + " 'ns-' || MOD(X * 31, 40), 'Pod', 'pod-' || X, 'm', 'r', '', 'h', 0, 0, 1,"
                  + " MOD(X, 10) <> 0, 0 FROM SYSTEM_RANGE(0, ?)")) {
        ps.setLong(1, a);
        ps.setLong(2, FINDINGS - 1);
        assertThat(ps.executeUpdate()).isEqualTo(FINDINGS);
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE");
      }
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static FindingQuery query(
      String cluster, String severity, String control, String ns, String state, int page) {
    return new FindingQuery(cluster, severity, control, ns, state, null, page, PAGE);
  }

  private static List<Long> ids(Page<FindingRow> page) {
    return page.items().stream().map(FindingRow::id).toList();
  }

  @Test
  void aDeepKeysetPageHoldsTheRowsOffsetWouldGiveAndLeadsBack() throws SQLException {
    for (FindingQuery q :
        List.of(
            query(null, null, null, null, "open", 1),
            query("a", null, null, null, "all", 1),
            query(null, null, null, null, "all", 1))) {
      // three quarters down the listing: of the open findings (nine in ten), of cluster a's (half),
      // of all
      int matching =
          q.cluster() != null
              ? FINDINGS / 2
              : q.state().equals("open") ? FINDINGS - FINDINGS / 10 : FINDINGS;
      int deepPage = matching * 3 / 4 / PAGE + 1;
      Page<FindingRow> before = history.search(page(q, deepPage - 1), Optional.empty());
      Page<FindingRow> byOffset = history.search(page(q, deepPage), Optional.empty());
      assertThat(byOffset.items()).as(q.toString()).hasSize(PAGE);
      long last = before.items().get(PAGE - 1).id();
      Page<FindingRow> byKeyset = history.search(q.after(last, deepPage), Optional.empty());
      assertThat(ids(byKeyset)).as(q.toString()).isEqualTo(ids(byOffset));
      Page<FindingRow> back =
          history.search(q.before(byKeyset.items().get(0).id(), deepPage - 1), Optional.empty());
      assertThat(ids(back)).as(q.toString()).isEqualTo(ids(before));
    }
  }

  private static FindingQuery page(FindingQuery q, int n) {
    return new FindingQuery(
        q.cluster(), q.severity(), q.controlId(), q.namespace(), q.state(), q.text(), n, PAGE);
  }

  @Test
  void everyFilterReadsADeepPageFromAnIndexWithoutOffset() throws SQLException {
    long cursor =
        history
            .search(page(query(null, null, null, null, "all", 1), DEEP / PAGE), Optional.empty())
            .items()
            .get(PAGE - 1)
            .id();
    for (FindingQuery q :
        List.of(
            query(null, null, null, null, "open", 1),
            query(null, null, null, null, "all", 1),
            query(null, null, null, null, "fixed", 1),
            query("a", null, null, null, "open", 1),
            query("b", null, null, null, "all", 1),
            query("a", "high", null, null, "open", 1),
            query(null, "critical", null, null, "open", 1),
            query(null, null, "KOR-0007", null, "open", 1),
            query(null, null, null, "ns-3", "open", 1),
            query("a", "medium", "KOR-0010", "ns-5", "open", 1))) {
      List<FindingSearch.Sql> queries = history.searchSql(q.after(cursor, 2), Optional.empty());
      long scanned = 0;
      for (FindingSearch.Sql sql : queries) {
        assertThat(sql.text()).doesNotContain("OFFSET");
        String plan = plan(sql);
        // each query follows an index in the listing order: the database sorts nothing itself
        assertThat(plan).as(q + "\n" + plan).contains("/* index sorted */");
        scanned += scanned(plan);
      }
      // and together they read about a page, however deep the cursor is
      assertThat(scanned).as(q.toString()).isLessThan(10L * PAGE);
    }
    // the same depth by OFFSET reads every row before it: what the keyset avoids
    String offset =
        plan(
            history
                .searchSql(
                    page(query(null, null, null, null, "all", 1), DEEP / PAGE + 1),
                    Optional.empty())
                .get(0));
    assertThat(scanned(offset)).isGreaterThan(DEEP);
  }

  @Test
  void theCountStopsAtItsCap() throws SQLException {
    Page<FindingRow> all =
        history.search(query(null, null, null, null, "all", 1), Optional.empty());
    assertThat(all.totalCapped()).isTrue();
    assertThat(all.total()).isEqualTo(Page.COUNT_CAP);
    assertThat(all.hasNext()).isTrue();
    Page<FindingRow> few =
        history.search(query("a", "low", "KOR-0001", "ns-1", "fixed", 1), Optional.empty());
    assertThat(few.totalCapped()).isFalse();
    assertThat(few.total()).isLessThan(Page.COUNT_CAP);
  }

  private static String plan(FindingSearch.Sql sql) throws SQLException {
    try (Connection c = db.open();
        PreparedStatement ps =
            new FindingSearch.Sql("EXPLAIN ANALYZE " + sql.text(), sql.params()).prepare(c);
        ResultSet rs = ps.executeQuery()) {
      StringBuilder sb = new StringBuilder();
      while (rs.next()) {
        sb.append(rs.getString(1)).append('\n');
      }
      return sb.toString();
    }
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static long scanned(String plan) {
    Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(plan);
    long sum = 0;
    while (m.find()) {
      sum += Long.parseLong(m.group(1));
    }
    return sum;
  }
}
