package dev.kordon.server;

import dev.kordon.server.Views.FindingQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of a findings search, built so that a page is read from an index however deep it is.
 *
 * <p>The listing order is (severity_rank, control_id, id). A page after a cursor (the last finding
 * of the previous page) is keyset pagination: no OFFSET, whose cost grows with the page number.
 * Because H2 seeks an index on equalities and one range only (a row-value comparison seeks on its
 * first column alone), the condition "after (r, c, i)" is split into queries that each seek
 * exactly: {@code rank=r AND control=c AND id>i}, {@code rank=r AND control>c}, {@code rank>r};
 * each reads at most what the page still lacks, in index order.
 *
 * <p>The ORDER BY of each branch starts with the columns its filters fix (cluster, control or
 * namespace, then open or fixed), so that it matches an index of V3__search_indexes.sql column for
 * column and the database reads the index in order instead of sorting.
 */
final class FindingSearch {

  /** SQL text and its parameters, kept together so that no value is ever spliced in. */
  record Sql(String text, List<Object> params) {
    Sql {
      params = List.copyOf(params);
    }

    PreparedStatement prepare(Connection c) throws SQLException {
      PreparedStatement ps = c.prepareStatement(text);
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      return ps;
    }
  }

  /** Where a keyset page starts or ends: the sort key of one finding. */
  record Cursor(long id, int severityRank, String controlId, boolean forward) {}

  private final List<String> conditions = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();
  private final List<String> prefix = new ArrayList<>();
  private final List<String> key = new ArrayList<>();

  /**
   * @param clusterId the cluster filter, resolved to its id (empty: every cluster)
   * @param readable the clusters the reader may see (empty: all)
   */
  FindingSearch(FindingQuery q, Optional<Long> clusterId, Optional<Set<String>> readable) {
    if (readable.isPresent()) {
      if (readable.get().isEmpty()) {
        conditions.add("1=0");
      } else {
        conditions.add(
            "f.cluster_id IN (SELECT id FROM clusters WHERE name IN ("
                + String.join(",", Collections.nCopies(readable.get().size(), "?"))
                + "))");
        params.addAll(readable.get());
      }
    }
    boolean bySeverity = present(q.severity());
    boolean byControl = present(q.controlId());
    boolean byNamespace = present(q.namespace());
    if (clusterId.isPresent()) {
      add("f.cluster_id=?", clusterId.get());
      prefix.add("f.cluster_id");
    } else if (byControl) {
      prefix.add("f.control_id");
    } else if (byNamespace) {
      prefix.add("f.namespace");
    }
    if (bySeverity) {
      add("f.severity_rank=?", Severities.rank(q.severity()));
    }
    if (byControl) {
      add("f.control_id=?", q.controlId());
    }
    if (byNamespace) {
      add("f.namespace=?", q.namespace());
    }
    switch (q.state()) {
      case "open" -> {
        conditions.add("f.is_open=TRUE");
        prefix.add("f.is_open");
      }
      case "fixed" -> {
        conditions.add("f.is_open=FALSE");
        prefix.add("f.is_open");
      }
      default -> {}
    }
    if (present(q.text())) {
      String like =
          "%"
              + q.text()
                  .toLowerCase(java.util.Locale.ROOT)
                  .replace("!", "!!")
                  .replace("%", "!%")
                  .replace("_", "!_")
              + "%";
      add("(LOWER(f.name) LIKE ? ESCAPE '!' OR LOWER(f.message) LIKE ? ESCAPE '!')", like, like);
    }
    // the sort key without the columns an equality fixes: a fixed column orders nothing
    if (!bySeverity) {
      key.add("f.severity_rank");
    }
    if (!byControl) {
      key.add("f.control_id");
    }
    key.add("f.id");
  }

  private void add(String condition, Object... values) {
    conditions.add(condition);
    params.addAll(List.of(values));
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  private String where(List<String> more) {
    List<String> all = new ArrayList<>(conditions);
    all.addAll(more);
    return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
  }

  private String orderBy(boolean ascending) {
    List<String> columns = new ArrayList<>(prefix);
    // a column an equality fixes orders nothing, but keeping it lets the list match an index
    for (String k : List.of("f.severity_rank", "f.control_id", "f.id")) {
      if (!columns.contains(k)) {
        columns.add(k);
      }
    }
    String dir = ascending ? "" : " DESC";
    return " ORDER BY " + String.join(dir + ", ", columns) + dir;
  }

  /** How many match, counting at most {@code cap + 1}. */
  Sql count(long cap) {
    List<Object> p = new ArrayList<>(params);
    p.add(cap + 1);
    return new Sql(
        "SELECT COUNT(*) FROM (SELECT f.id FROM findings f" + where(List.of()) + " LIMIT ?) x", p);
  }

  /** A page by number: OFFSET, for the first page and old links. */
  Sql page(String columns, int limit, long offset) {
    List<Object> p = new ArrayList<>(params);
    p.add(limit);
    p.add(offset);
    return new Sql(
        "SELECT "
            + columns
            + " FROM findings f"
            + where(List.of())
            + orderBy(true)
            + " LIMIT ? OFFSET ?",
        p);
  }

  /**
   * The page after (or, backwards, before) a cursor, as queries to run in turn: their rows are
   * disjoint and already in order (same rank and control with a later id, then same rank with a
   * later control, then later ranks), so the page is the first {@code limit} rows of their
   * concatenation. Each is a query of its own, whose LIMIT stops the index scan (a LIMIT inside a
   * UNION does not stop it in H2). Backward, each query lists in reverse; the caller reverses the
   * page.
   *
   * @param limit the LIMIT of the first query; the caller sets each next one to what is missing
   */
  List<Sql> keyset(String columns, int limit, Cursor cursor) {
    List<Object> values = new ArrayList<>();
    for (String k : key) {
      values.add(
          switch (k) {
            case "f.severity_rank" -> cursor.severityRank();
            case "f.control_id" -> cursor.controlId();
            default -> cursor.id();
          });
    }
    List<Sql> branches = new ArrayList<>();
    for (int j = key.size() - 1; j >= 0; j--) {
      List<String> more = new ArrayList<>();
      for (int i = 0; i < j; i++) {
        more.add(key.get(i) + "=?");
      }
      List<Object> bound = new ArrayList<>(values.subList(0, j + 1));
      more.add(key.get(j) + strictly(cursor.forward(), bound, j));
      List<Object> p = new ArrayList<>(params);
      p.addAll(bound);
      p.add(limit);
      branches.add(
          new Sql(
              "SELECT "
                  + columns
                  + " FROM findings f"
                  + where(more)
                  + orderBy(cursor.forward())
                  + " LIMIT ?",
              p));
    }
    return branches;
  }

  /**
   * "Strictly after (before) the value at {@code bound[j]}", written as an inclusive bound on the
   * next value where there is one: H2 seeks an index for {@code x > v} to the first {@code x >= v}
   * and then skips every row equal to v, a whole severity band for the rank. Ranks and ids are
   * integers (next: +1); a control id's successor is itself followed by U+0001, as no stored id
   * holds a control character.
   */
  private static String strictly(boolean forward, List<Object> bound, int j) {
    Object v = bound.get(j);
    if (!forward) {
      if (v instanceof Integer rank) {
        bound.set(j, rank - 1);
        return "<=?";
      }
      if (v instanceof Long id) {
        bound.set(j, id - 1);
        return "<=?";
      }
      return "<?";
    }
    if (v instanceof Integer rank) {
      bound.set(j, rank + 1);
    } else if (v instanceof Long id) {
      bound.set(j, id + 1);
    } else {
      bound.set(j, v + "\u0001");
    }
    return ">=?";
  }

  /** The same query with another LIMIT (its last parameter). */
  static Sql withLimit(Sql sql, int limit) {
    List<Object> p = new ArrayList<>(sql.params());
    p.set(p.size() - 1, limit);
    return new Sql(sql.text(), p);
  }
}
