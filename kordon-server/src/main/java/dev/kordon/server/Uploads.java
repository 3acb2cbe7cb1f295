package dev.kordon.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stores one uploaded report in one transaction: the report row, its framework scores and control
 * view, and the findings by fingerprint with the periods they were open. A failure anywhere rolls
 * the whole upload back, so a crash, a full disk or a lost connection leaves the history as it was
 * before the upload.
 */
final class Uploads {
  private static final int BATCH = 1000;

  /** Called between the stages of a store, inside the transaction (tests interrupt it there). */
  @FunctionalInterface
  interface Checkpoint {
    void reached(String stage) throws SQLException;

    Checkpoint NONE = stage -> {};
  }

  private final ConnectionSource db;
  private final Checkpoint checkpoint;
  // uploads are serialised: the diff against the open findings must see the previous upload
  private final Object lock = new Object();

  Uploads(ConnectionSource db, Checkpoint checkpoint) {
    this.db = db;
    this.checkpoint = checkpoint;
  }

  StoredReport store(String cluster, String source, UploadedReport report, long now)
      throws SQLException {
    synchronized (lock) {
      try (Connection c = db.open()) {
        c.setAutoCommit(false);
        try {
          StoredReport stored = store(c, cluster, source, report, now);
          c.commit();
          return stored;
        } catch (SQLException | RuntimeException e) {
          rollback(c, e);
          throw e;
        }
      }
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private StoredReport store(
      Connection c, String cluster, String source, UploadedReport report, long now)
      throws SQLException {
    long clusterId = clusterId(c, cluster, now);
    long previousMs = latestReportMs(c, clusterId, now);
    long reportId = insertReport(c, clusterId, source, report, now);
    checkpoint.reached("report");
    insertFrameworks(c, reportId, report);
    insertControls(c, reportId, report);
    insertSummaries(c, reportId, report);

    Map<String, Known> known = known(c, clusterId);
    Set<String> present = new HashSet<>();
    try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO findings (cluster_id, fingerprint, control_id, title, severity,"
                    + " severity_rank, status, api_version, kind, namespace, name, path, file,"
                    + " line, col, message, remediation, refs, note, text_hash, first_seen_ms,"
                    + " last_seen_ms, opened_report_id, fixed_ms, is_open, reopened)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,TRUE,0)");
        PreparedStatement reworded =
            c.prepareStatement(
                "UPDATE findings SET control_id=?, title=?, severity=?, severity_rank=?,"
                    + " status=?, api_version=?, kind=?, namespace=?, name=?, path=?, file=?,"
                    + " line=?, col=?, message=?, remediation=?, refs=?, note=?, text_hash=?"
                    + " WHERE id=?");
        PreparedStatement reopen =
            c.prepareStatement(
                "UPDATE findings SET control_id=?, title=?, severity=?, severity_rank=?,"
                    + " status=?, api_version=?, kind=?, namespace=?, name=?, path=?, file=?,"
                    + " line=?, col=?, message=?, remediation=?, refs=?, note=?, text_hash=?,"
                    + " last_seen_ms=?, opened_report_id=?, fixed_ms=NULL, is_open=TRUE,"
                    + " reopened=reopened+1 WHERE id=?")) {
      int pendingInsert = 0;
      int pendingReworded = 0;
      int pendingReopen = 0;
      for (UploadedReport.Item f : report.findings()) {
        present.add(f.fingerprint());
        String hash = textHash(f);
        Known k = known.get(f.fingerprint());
        if (k == null) {
          insert.setLong(1, clusterId);
          insert.setString(2, f.fingerprint());
          int i = text(insert, 3, f);
          insert.setString(i++, hash);
          insert.setLong(i++, now);
          insert.setLong(i++, now);
          insert.setLong(i, reportId);
          insert.addBatch();
          pendingInsert = flushIfFull(insert, pendingInsert + 1);
        } else if (k.open()) {
          // unchanged open findings cost no write: most of a daily upload
          if (!hash.equals(k.textHash())) {
            int i = text(reworded, 1, f);
            reworded.setString(i++, hash);
            reworded.setLong(i, k.id());
            reworded.addBatch();
            pendingReworded = flushIfFull(reworded, pendingReworded + 1);
          }
        } else {
          int i = text(reopen, 1, f);
          reopen.setString(i++, hash);
          reopen.setLong(i++, now);
          reopen.setLong(i++, reportId);
          reopen.setLong(i, k.id());
          reopen.addBatch();
          pendingReopen = flushIfFull(reopen, pendingReopen + 1);
        }
      }
      flush(insert, pendingInsert);
      flush(reworded, pendingReworded);
      flush(reopen, pendingReopen);
    }
    checkpoint.reached("findings");

    // what was open and is not in this report is fixed by it; it was last seen in the previous one
    int fixed = 0;
    try (PreparedStatement period =
            c.prepareStatement(
                "UPDATE finding_periods SET closed_report_id=?, closed_ms=? WHERE finding_id=?"
                    + " AND closed_report_id IS NULL");
        PreparedStatement close =
            c.prepareStatement(
                "UPDATE findings SET is_open=FALSE, fixed_ms=?, last_seen_ms=? WHERE id=?")) {
      int pending = 0;
      for (Map.Entry<String, Known> e : known.entrySet()) {
        if (!e.getValue().open() || present.contains(e.getKey())) {
          continue;
        }
        period.setLong(1, reportId);
        period.setLong(2, now);
        period.setLong(3, e.getValue().id());
        period.addBatch();
        close.setLong(1, now);
        close.setLong(2, previousMs);
        close.setLong(3, e.getValue().id());
        close.addBatch();
        fixed++;
        if (++pending >= BATCH) {
          period.executeBatch();
          close.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        period.executeBatch();
        close.executeBatch();
      }
    }
    int opened;
    try (PreparedStatement open =
        c.prepareStatement(
            "INSERT INTO finding_periods (finding_id, opened_report_id, opened_ms) SELECT id, ?,"
                + " ? FROM findings WHERE cluster_id=? AND opened_report_id=?")) {
      open.setLong(1, reportId);
      open.setLong(2, now);
      open.setLong(3, clusterId);
      open.setLong(4, reportId);
      opened = open.executeUpdate();
    }
    try (PreparedStatement counts =
        c.prepareStatement("UPDATE reports SET new_findings=?, fixed_findings=? WHERE id=?")) {
      counts.setInt(1, opened);
      counts.setInt(2, fixed);
      counts.setLong(3, reportId);
      counts.executeUpdate();
    }
    checkpoint.reached("commit");
    return new StoredReport(reportId, cluster, opened, fixed);
  }

  private record Known(long id, boolean open, String textHash) {}

  private static Map<String, Known> known(Connection c, long clusterId) throws SQLException {
    Map<String, Known> known = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT fingerprint, id, is_open, text_hash FROM findings WHERE cluster_id=?")) {
      ps.setLong(1, clusterId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          known.put(rs.getString(1), new Known(rs.getLong(2), rs.getBoolean(3), rs.getString(4)));
        }
      }
    }
    return known;
  }

  /** Sets the finding's text columns from {@code i}; returns the next parameter index. */
  private static int text(PreparedStatement ps, int i, UploadedReport.Item f) throws SQLException {
    ps.setString(i++, f.controlId());
    ps.setString(i++, f.title());
    ps.setString(i++, f.severity());
    ps.setInt(i++, Severities.rank(f.severity()));
    ps.setString(i++, f.status());
    ps.setString(i++, f.apiVersion());
    ps.setString(i++, f.kind());
    ps.setString(i++, f.namespace());
    ps.setString(i++, f.name());
    ps.setString(i++, f.path());
    ps.setString(i++, f.file());
    setInt(ps, i++, f.line());
    setInt(ps, i++, f.column());
    ps.setString(i++, f.message());
    ps.setString(i++, f.remediation());
    ps.setString(i++, f.refs());
    ps.setString(i++, f.note());
    return i;
  }

  private static void setInt(PreparedStatement ps, int i, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, value);
    }
  }

  private static int flushIfFull(PreparedStatement ps, int pending) throws SQLException {
    if (pending >= BATCH) {
      ps.executeBatch();
      return 0;
    }
    return pending;
  }

  private static void flush(PreparedStatement ps, int pending) throws SQLException {
    if (pending > 0) {
      ps.executeBatch();
    }
  }

  private static long latestReportMs(Connection c, long clusterId, long fallback)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MAX(received_ms) FROM reports WHERE cluster_id=?")) {
      ps.setLong(1, clusterId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long ms = rs.getLong(1);
        return rs.wasNull() ? fallback : ms;
      }
    }
  }

  /** A digest of everything an upload may reword about a finding. */
  static String textHash(UploadedReport.Item f) {
    StringBuilder sb = new StringBuilder(512);
    for (Object o :
        new Object[] {
          f.controlId(),
          f.title(),
          f.severity(),
          f.status(),
          f.apiVersion(),
          f.kind(),
          f.namespace(),
          f.name(),
          f.path(),
          f.file(),
          f.line(),
          f.column(),
          f.message(),
          f.remediation(),
          f.refs(),
          f.note()
        }) {
      sb.append(o == null ? "\u0001" : o.toString()).append('\u0000');
    }
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static long clusterId(Connection c, String name, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM clusters WHERE name=?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO clusters (name, created_ms) VALUES (?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, name);
      ps.setLong(2, now);
      ps.executeUpdate();
      return generatedId(ps);
    }
  }

  private static long insertReport(
      Connection c, long clusterId, String source, UploadedReport r, long now) throws SQLException {
    int[] bySeverity = new int[4];
    int excepted = 0;
    int failing = 0;
    for (UploadedReport.Item f : r.findings()) {
      if (f.failing()) {
        bySeverity[Severities.rank(f.severity())]++;
        failing++;
      } else {
        excepted++;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO reports (cluster_id, received_ms, source, tool_version, objects,"
                + " findings, excepted, critical, high, medium, low, errors, new_findings,"
                + " fixed_findings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,0)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, clusterId);
      ps.setLong(2, now);
      ps.setString(3, source);
      ps.setString(4, r.toolVersion());
      ps.setInt(5, r.objects());
      ps.setInt(6, failing);
      ps.setInt(7, excepted);
      for (int i = 0; i < 4; i++) {
        ps.setInt(8 + i, bySeverity[i]);
      }
      ps.setInt(12, r.errors());
      ps.executeUpdate();
      return generatedId(ps);
    }
  }

  private static void insertFrameworks(Connection c, long reportId, UploadedReport r)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO report_frameworks (report_id, framework, title, score, passed, failed)"
                + " VALUES (?,?,?,?,?,?)")) {
      for (Views.Score f : r.frameworks()) {
        ps.setLong(1, reportId);
        ps.setString(2, f.framework());
        ps.setString(3, f.title());
        if (f.score().isPresent()) {
          ps.setDouble(4, f.score().getAsDouble());
        } else {
          ps.setNull(4, Types.DOUBLE);
        }
        ps.setInt(5, f.passed());
        ps.setInt(6, f.failed());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertControls(Connection c, long reportId, UploadedReport r)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO report_controls (report_id, control_id, title, severity, resources,"
                + " failed_resources) VALUES (?,?,?,?,?,?)")) {
      for (Views.ControlRow k : r.controls()) {
        ps.setLong(1, reportId);
        ps.setString(2, k.controlId());
        ps.setString(3, k.title());
        ps.setString(4, k.severity());
        ps.setInt(5, k.resources());
        ps.setInt(6, k.failedResources());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertSummaries(Connection c, long reportId, UploadedReport r)
      throws SQLException {
    if (r.summaries().isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO report_summaries (report_id, area, measure, label, severity, amount,"
                + " position) VALUES (?,?,?,?,?,?,?)")) {
      int position = 0;
      for (SummaryRow row : r.summaries()) {
        ps.setLong(1, reportId);
        ps.setString(2, row.area());
        ps.setString(3, row.measure());
        ps.setString(4, row.label());
        ps.setString(5, row.severity());
        ps.setInt(6, row.amount());
        ps.setInt(7, position++);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static long generatedId(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("the database returned no generated id");
      }
      return keys.getLong(1);
    }
  }
}
