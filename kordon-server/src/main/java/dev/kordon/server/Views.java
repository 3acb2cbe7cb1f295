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

  /** One page of results with the total that matched. */
  public record Page<T>(List<T> items, long total, int page, int pageSize) {
    public Page {
      items = List.copyOf(items);
    }

    public long pages() {
      return Math.max(1, (total + pageSize - 1) / pageSize);
    }
  }

  /**
   * Search filters, each optional (null or blank: any).
   *
   * @param state {@code open}, {@code fixed} or {@code all}
   */
  public record FindingQuery(
      String cluster,
      String severity,
      String controlId,
      String namespace,
      String state,
      String text,
      int page,
      int pageSize) {
    public FindingQuery {
      state = state == null || state.isBlank() ? "open" : state;
      if (!List.of("open", "fixed", "all").contains(state)) {
        throw new IllegalArgumentException("state: expected open, fixed or all");
      }
      if (severity != null && !severity.isBlank() && !Severities.known(severity)) {
        throw new IllegalArgumentException("severity: expected critical, high, medium or low");
      }
      page = Math.max(1, page);
      pageSize = Math.min(Math.max(1, pageSize), 500);
    }
  }
}
