package dev.kordon.server;

import java.util.List;
import java.util.OptionalDouble;

/** The read models the API and the dashboard show; plain values built by {@link History}. */
public final class Views {
  private Views() {}

  /** A cluster with its latest report. */
  public record ClusterSummary(
      String name,
      long reportId,
      long receivedMs,
      String source,
      String toolVersion,
      int objects,
      Counts counts,
      int newFindings,
      int fixedFindings,
      int reports,
      List<Score> scores) {
    public ClusterSummary {
      scores = List.copyOf(scores);
    }
  }

  /** Failing findings by severity, and excepted ones. */
  public record Counts(int total, int critical, int high, int medium, int low, int excepted) {}

  /** A framework's score in one report; empty when it judged nothing. */
  public record Score(
      String framework, String title, OptionalDouble score, int passed, int failed) {}

  /** One report on the trend line. */
  public record Point(long reportId, long receivedMs, Counts counts) {}

  /** Open failing findings of one namespace. */
  public record NamespaceCounts(String namespace, Counts counts) {}

  /** One row of the control view. */
  public record ControlRow(
      String controlId, String title, String severity, int resources, int failedResources) {}

  /** A finding as stored: its latest text and its state. */
  public record FindingRow(
      long id,
      String cluster,
      String fingerprint,
      String controlId,
      String title,
      String severity,
      String status,
      String apiVersion,
      String kind,
      String namespace,
      String name,
      String path,
      String file,
      Integer line,
      Integer column,
      String message,
      String remediation,
      String refs,
      String note,
      long firstSeenMs,
      long lastSeenMs,
      Long fixedMs,
      boolean open,
      int reopened) {}

  /** A stretch of time a finding was open; {@code closedMs} is null while it still is. */
  public record Period(long openedMs, Long closedMs) {}

  /**
   * One page of results with the number that matched.
   *
   * @param total how many matched, or {@link #COUNT_CAP} when at least that many did ({@link
   *     #totalCapped})
   * @param page the page's number, 1 for the first
   */
  public record Page<T>(List<T> items, long total, int page, int pageSize, boolean totalCapped) {
    /** Searches count matches up to this many: a deep count costs as much as an OFFSET. */
    public static final long COUNT_CAP = 10_000;

    public Page {
      items = List.copyOf(items);
    }

    public Page(List<T> items, long total, int page, int pageSize) {
      this(items, total, page, pageSize, false);
    }

    public long pages() {
      return Math.max(1, (total + pageSize - 1) / pageSize);
    }

    /** Whether a page follows this one. */
    public boolean hasNext() {
      return totalCapped ? items.size() == pageSize : page < pages();
    }
  }

  /**
   * Search filters, each optional (null or blank: any).
   *
   * @param state {@code open}, {@code fixed} or {@code all}
   * @param page the page number, for the heading; with a cursor the rows come from the cursor
   * @param after keyset cursor: the page starts after this finding id in the listing order (0:
   *     none)
   * @param before keyset cursor: the page ends before this finding id (0: none)
   */
  public record FindingQuery(
      String cluster,
      String severity,
      String controlId,
      String namespace,
      String state,
      String text,
      int page,
      int pageSize,
      long after,
      long before) {
    public FindingQuery {
      state = state == null || state.isBlank() ? "open" : state;
      if (!List.of("open", "fixed", "all").contains(state)) {
        throw new IllegalArgumentException("state: expected open, fixed or all");
      }
      if (severity != null && !severity.isBlank() && !Severities.known(severity)) {
        throw new IllegalArgumentException("severity: expected critical, high, medium or low");
      }
      if (after > 0 && before > 0) {
        throw new IllegalArgumentException("after and before do not go together");
      }
      page = Math.max(1, page);
      pageSize = Math.min(Math.max(1, pageSize), 500);
      after = Math.max(0, after);
      before = Math.max(0, before);
    }

    /** A query by page number (OFFSET), for the first pages and old links. */
    public FindingQuery(
        String cluster,
        String severity,
        String controlId,
        String namespace,
        String state,
        String text,
        int page,
        int pageSize) {
      this(cluster, severity, controlId, namespace, state, text, page, pageSize, 0, 0);
    }

    /** The same filters, the page after {@code id} (numbered {@code page}). */
    public FindingQuery after(long id, int page) {
      return new FindingQuery(
          cluster, severity, controlId, namespace, state, text, page, pageSize, id, 0);
    }

    /** The same filters, the page before {@code id} (numbered {@code page}). */
    public FindingQuery before(long id, int page) {
      return new FindingQuery(
          cluster, severity, controlId, namespace, state, text, page, pageSize, 0, id);
    }
  }
}
