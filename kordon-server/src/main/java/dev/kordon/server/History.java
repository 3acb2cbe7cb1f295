package dev.kordon.server;

import dev.kordon.server.Views.ClusterSummary;
import dev.kordon.server.Views.ControlRow;
import dev.kordon.server.Views.Counts;
import dev.kordon.server.Views.FindingQuery;
import dev.kordon.server.Views.FindingRow;
import dev.kordon.server.Views.NamespaceCounts;
import dev.kordon.server.Views.Page;
import dev.kordon.server.Views.Period;
import dev.kordon.server.Views.Point;
import dev.kordon.server.Views.Score;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The report history: stores uploads and answers the dashboard's and the API's questions. Every
 * list is paged or bounded in SQL, and every read takes the set of clusters the reader may see
 * (empty optional: all).
 */
public final class History {
  private final ConnectionSource db;
  private final Uploads uploads;

  public History(ConnectionSource db) {
    this(db, Uploads.Checkpoint.NONE);
  }

  History(ConnectionSource db, Uploads.Checkpoint checkpoint) {
    this.db = db;
    this.uploads = new Uploads(db, checkpoint);
  }

  /** Stores one report in one transaction; on any failure nothing of it is kept. */
  public StoredReport store(String cluster, String source, UploadedReport report, long nowMs)
      throws SQLException {
    return uploads.store(cluster, source, report, nowMs);
  }

  /** Whether the database answers. */
  public boolean healthy() {
    try (Connection c = db.open();
        PreparedStatement ps = c.prepareStatement("SELECT 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next();
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Forgets reports received before {@code cutoffMs}, and the fixed findings last seen before it.
   *
   * @return how many reports were deleted
   */
  public int retain(long cutoffMs) throws SQLException {
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      try (PreparedStatement periods =
              c.prepareStatement(
                  "DELETE FROM finding_periods WHERE closed_ms IS NOT NULL AND closed_ms < ?");
          PreparedStatement findings =
              c.prepareStatement(
                  "DELETE FROM findings WHERE NOT is_open AND fixed_ms IS NOT NULL AND"
                      + " last_seen_ms < ?");
          PreparedStatement reports =
              c.prepareStatement(
                  "DELETE FROM reports WHERE received_ms < ? AND id NOT IN (SELECT MAX(id) FROM"
                      + " reports GROUP BY cluster_id)")) {
        periods.setLong(1, cutoffMs);
        periods.executeUpdate();
        findings.setLong(1, cutoffMs);
        findings.executeUpdate();
        reports.setLong(1, cutoffMs);
        int deleted = reports.executeUpdate();
        c.commit();
        return deleted;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Every cluster the reader may see, by name, with its latest report. */
  public List<ClusterSummary> clusters(Optional<Set<String>> readable) throws SQLException {
    Filter f = new Filter();
    f.clusters("c.name", readable);
    String sql =
        "SELECT c.name, r.id, r.received_ms, r.source, r.tool_version, r.objects, r.findings,"
            + " r.critical, r.high, r.medium, r.low, r.excepted, r.new_findings,"
            + " r.fixed_findings, (SELECT COUNT(*) FROM reports x WHERE x.cluster_id=c.id)"
            + " FROM clusters c JOIN reports r ON r.id = (SELECT MAX(id) FROM reports y WHERE"
            + " y.cluster_id=c.id)"
            + f.where()
            + " ORDER BY c.name";
    List<ClusterSummary> out = new ArrayList<>();
    try (Connection c = db.open();
        PreparedStatement ps = f.prepare(c, sql);
        ResultSet rs = ps.executeQuery()) {
      List<Object[]> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(
            new Object[] {
              rs.getString(1),
              rs.getLong(2),
              rs.getLong(3),
              rs.getString(4),
              rs.getString(5),
              rs.getInt(6),
              counts(rs, 7),
              rs.getInt(13),
              rs.getInt(14),
              rs.getInt(15)
            });
      }
      Map<Long, List<Score>> scores = scores(c, rows.stream().map(r -> (Long) r[1]).toList());
      for (Object[] r : rows) {
        out.add(
            new ClusterSummary(
                (String) r[0],
                (Long) r[1],
                (Long) r[2],
                (String) r[3],
                (String) r[4],
                (Integer) r[5],
                (Counts) r[6],
                (Integer) r[7],
                (Integer) r[8],
                (Integer) r[9],
                scores.getOrDefault((Long) r[1], List.of())));
      }
    }
    return out;
  }

  /** One cluster, if it exists and the reader may see it. */
  public Optional<ClusterSummary> cluster(String name, Optional<Set<String>> readable)
      throws SQLException {
    if (readable.isPresent() && !readable.get().contains(name)) {
      return Optional.empty();
    }
    return clusters(Optional.of(Set.of(name))).stream().findFirst();
  }

  private static Counts counts(ResultSet rs, int from) throws SQLException {
    return new Counts(
        rs.getInt(from),
        rs.getInt(from + 1),
        rs.getInt(from + 2),
        rs.getInt(from + 3),
        rs.getInt(from + 4),
        rs.getInt(from + 5));
  }

  private Map<Long, List<Score>> scores(Connection c, List<Long> reportIds) throws SQLException {
    Map<Long, List<Score>> out = new HashMap<>();
    if (reportIds.isEmpty()) {
      return out;
    }
    String marks = String.join(",", Collections.nCopies(reportIds.size(), "?"));
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT report_id, framework, title, score, passed, failed FROM report_frameworks"
                + " WHERE report_id IN ("
                + marks
                + ") ORDER BY framework")) {
      for (int i = 0; i < reportIds.size(); i++) {
        ps.setLong(i + 1, reportIds.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double score = rs.getDouble(4);
          OptionalDouble value = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(score);
          out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new Score(rs.getString(2), rs.getString(3), value, rs.getInt(5), rs.getInt(6)));
        }
      }
    }
    return out;
  }

  /** Scores of the given report. */
  public List<Score> scores(long reportId) throws SQLException {
    try (Connection c = db.open()) {
      return scores(c, List.of(reportId)).getOrDefault(reportId, List.of());
    }
  }

  /** The cluster's latest {@code limit} reports, oldest first. */
  public List<Point> trend(String cluster, int limit) throws SQLException {
    List<Point> out = new ArrayList<>();
    try (Connection c = db.open();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT r.id, r.received_ms, r.findings, r.critical, r.high, r.medium, r.low,"
                    + " r.excepted FROM reports r JOIN clusters c ON c.id=r.cluster_id WHERE"
                    + " c.name=? ORDER BY r.id DESC LIMIT ?")) {
      ps.setString(1, cluster);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Point(rs.getLong(1), rs.getLong(2), counts(rs, 3)));
        }
      }
    }
    Collections.reverse(out);
    return out;
  }

  /** Open failing findings per namespace (cluster-scoped objects under an empty name). */
  public List<NamespaceCounts> namespaces(String cluster, int limit) throws SQLException {
    List<NamespaceCounts> out = new ArrayList<>();
    try (Connection c = db.open();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT f.namespace, COUNT(*),"
                    + " SUM(CASE WHEN f.severity_rank=0 THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN f.severity_rank=1 THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN f.severity_rank=2 THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN f.severity_rank=3 THEN 1 ELSE 0 END)"
                    + " FROM findings f JOIN clusters c ON c.id=f.cluster_id"
                    + " WHERE c.name=? AND f.is_open AND f.status='fail'"
                    + " GROUP BY f.namespace ORDER BY 3 DESC, 4 DESC, 2 DESC, 1 LIMIT ?")) {
      ps.setString(1, cluster);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String ns = rs.getString(1);
          out.add(
              new NamespaceCounts(
                  ns == null ? "" : ns,
                  new Counts(
                      rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), 0)));
        }
      }
    }
    return out;
  }

  /** The control view of a report: controls with failures first. */
  public List<ControlRow> controls(long reportId) throws SQLException {
    return rows(
        "SELECT control_id, title, severity, resources, failed_resources FROM report_controls"
            + " WHERE report_id=? ORDER BY failed_resources DESC, control_id",
        reportId,
        rs ->
            new ControlRow(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)));
  }

  /** The RBAC and NetworkPolicy summaries of a report, in the order the report gave them. */
  public List<SummaryRow> summaries(long reportId) throws SQLException {
    return rows(
        "SELECT area, measure, label, severity, amount FROM report_summaries WHERE report_id=?"
            + " ORDER BY position",
        reportId,
        rs ->
            new SummaryRow(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
  }

  private static final String FINDING_COLUMNS =
      "f.id, c.name, f.fingerprint, f.control_id, f.title, f.severity, f.status, f.api_version,"
          + " f.kind, f.namespace, f.name, f.path, f.file, f.line, f.col, f.message,"
          + " f.remediation, f.refs, f.note, f.first_seen_ms,"
          + " CASE WHEN f.is_open THEN (SELECT MAX(r.received_ms) FROM reports r WHERE"
          + " r.cluster_id=f.cluster_id) ELSE f.last_seen_ms END, f.fixed_ms,"
          + " f.is_open, f.reopened";

  /**
   * {@link #FINDING_COLUMNS} with the cluster's name looked up per row rather than joined: with a
   * join, H2 may drive the query from clusters and sort, where the search must read findings in
   * index order.
   */
  private static final String SEARCH_COLUMNS =
      FINDING_COLUMNS.replace("c.name", "(SELECT c.name FROM clusters c WHERE c.id=f.cluster_id)");

  private static FindingRow finding(ResultSet rs) throws SQLException {
    int line = rs.getInt(14);
    Integer lineValue = rs.wasNull() ? null : line;
    int col = rs.getInt(15);
    Integer colValue = rs.wasNull() ? null : col;
    long fixed = rs.getLong(22);
    Long fixedValue = rs.wasNull() ? null : fixed;
    return new FindingRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getString(13),
        lineValue,
        colValue,
        rs.getString(16),
        rs.getString(17),
        rs.getString(18),
        rs.getString(19),
        rs.getLong(20),
        rs.getLong(21),
        fixedValue,
        rs.getBoolean(23),
        rs.getInt(24));
  }

  /** The findings a report opened ({@code opened}) or fixed, worst first, at most {@code limit}. */
  public Page<FindingRow> changedBy(long reportId, boolean opened, int limit) throws SQLException {
    String column = opened ? "p.opened_report_id" : "p.closed_report_id";
    String from =
        " FROM finding_periods p JOIN findings f ON f.id=p.finding_id JOIN clusters c ON"
            + " c.id=f.cluster_id WHERE "
            + column
            + "=?";
    List<FindingRow> items = new ArrayList<>();
    long total;
    try (Connection c = db.open()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + from)) {
        ps.setLong(1, reportId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT "
                  + FINDING_COLUMNS
                  + from
                  + " ORDER BY f.severity_rank, f.control_id, f.id LIMIT ?")) {
        ps.setLong(1, reportId);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(finding(rs));
          }
        }
      }
    }
    return new Page<>(items, total, 1, limit);
  }

  /** One finding, if the reader may see its cluster. */
  public Optional<FindingRow> finding(long id, Optional<Set<String>> readable) throws SQLException {
    Filter f = new Filter();
    f.add("f.id=?", id);
    f.clusters("c.name", readable);
    try (Connection c = db.open();
        PreparedStatement ps =
            f.prepare(
                c,
                "SELECT "
                    + FINDING_COLUMNS
                    + " FROM findings f JOIN clusters c ON c.id=f.cluster_id"
                    + f.where());
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(finding(rs)) : Optional.empty();
    }
  }

  /** The periods a finding was open, oldest first. */
  public List<Period> periods(long findingId) throws SQLException {
    return rows(
        "SELECT opened_ms, closed_ms FROM finding_periods WHERE finding_id=? ORDER BY opened_ms",
        findingId,
        rs -> {
          long opened = rs.getLong(1);
          long closed = rs.getLong(2);
          return new Period(opened, rs.wasNull() ? null : closed);
        });
  }

  /** Reads the current row of a result into a value. */
  @FunctionalInterface
  private interface Row<T> {
    T of(ResultSet rs) throws SQLException;
  }

  /** Every row of a query whose one parameter is an id, in the query's order. */
  private <T> List<T> rows(String sql, long id, Row<T> row) throws SQLException {
    List<T> out = new ArrayList<>();
    try (Connection c = db.open();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.of(rs));
        }
      }
    }
    return out;
  }

  /**
   * A page of findings matching the query, worst first; paged in SQL. A page after or before a
   * cursor is read by keyset ({@link FindingSearch}), without OFFSET; the count stops at {@link
   * Page#COUNT_CAP}.
   */
  public Page<FindingRow> search(FindingQuery q, Optional<Set<String>> readable)
      throws SQLException {
    try (Connection c = db.open()) {
      Optional<Long> clusterId = Optional.empty();
      if (present(q.cluster())) {
        clusterId = clusterId(c, q.cluster());
        if (clusterId.isEmpty()) {
          return new Page<>(List.of(), 0, 1, q.pageSize());
        }
      }
      FindingSearch search = new FindingSearch(q, clusterId, readable);
      long total;
      try (PreparedStatement ps = search.count(Page.COUNT_CAP).prepare(c);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
      boolean capped = total > Page.COUNT_CAP;
      Optional<FindingSearch.Cursor> cursor = cursor(c, q);
      List<FindingSearch.Sql> queries =
          cursor.isPresent()
              ? search.keyset(SEARCH_COLUMNS, q.pageSize(), cursor.get())
              : List.of(
                  search.page(SEARCH_COLUMNS, q.pageSize(), (long) (q.page() - 1) * q.pageSize()));
      List<FindingRow> items = new ArrayList<>();
      for (FindingSearch.Sql sql : queries) {
        int missing = q.pageSize() - items.size();
        if (missing == 0) {
          break;
        }
        FindingSearch.Sql limited =
            cursor.isPresent() ? FindingSearch.withLimit(sql, missing) : sql;
        try (PreparedStatement ps = limited.prepare(c);
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(finding(rs));
          }
        }
      }
      if (cursor.isPresent() && !cursor.get().forward()) {
        Collections.reverse(items);
      }
      return new Page<>(items, capped ? Page.COUNT_CAP : total, q.page(), q.pageSize(), capped);
    }
  }

  /**
   * The queries that read a page (one, or the keyset's in turn), for tests that read the database's
   * plan.
   */
  List<FindingSearch.Sql> searchSql(FindingQuery q, Optional<Set<String>> readable)
      throws SQLException {
    try (Connection c = db.open()) {
      Optional<Long> clusterId =
          present(q.cluster()) ? clusterId(c, q.cluster()) : Optional.empty();
      FindingSearch search = new FindingSearch(q, clusterId, readable);
      Optional<FindingSearch.Cursor> cursor = cursor(c, q);
      return cursor.isPresent()
          ? search.keyset(SEARCH_COLUMNS, q.pageSize(), cursor.get())
          : List.of(
              search.page(SEARCH_COLUMNS, q.pageSize(), (long) (q.page() - 1) * q.pageSize()));
    }
  }

  private static Optional<Long> clusterId(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM clusters WHERE name=?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** The sort key of the query's cursor finding; empty without one, or when it is gone. */
  private static Optional<FindingSearch.Cursor> cursor(Connection c, FindingQuery q)
      throws SQLException {
    long id = q.after() > 0 ? q.after() : q.before();
    if (id == 0) {
      return Optional.empty();
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT severity_rank, control_id FROM findings WHERE id=?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new FindingSearch.Cursor(id, rs.getInt(1), rs.getString(2), q.after() > 0))
            : Optional.empty();
      }
    }
  }

  /** The fingerprints open in a cluster: what {@code scan --baseline-from} compares against. */
  public List<String> openFingerprints(String cluster) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.open();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT f.fingerprint FROM findings f JOIN clusters c ON c.id=f.cluster_id WHERE"
                    + " c.name=? AND f.is_open ORDER BY f.fingerprint")) {
      ps.setString(1, cluster);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  /** A WHERE clause and its parameters, built together so that no value is ever spliced in. */
  private static final class Filter {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    void add(String condition, Object... values) {
      conditions.add(condition);
      params.addAll(List.of(values));
    }

    void clusters(String column, Optional<Set<String>> readable) {
      if (readable.isEmpty()) {
        return;
      }
      if (readable.get().isEmpty()) {
        conditions.add("1=0");
        return;
      }
      add(
          column
              + " IN ("
              + String.join(",", Collections.nCopies(readable.get().size(), "?"))
              + ")",
          readable.get().toArray());
    }

    String where() {
      return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    PreparedStatement prepare(Connection c, String sql) throws SQLException {
      PreparedStatement ps = c.prepareStatement(sql);
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      return ps;
    }
  }
}
