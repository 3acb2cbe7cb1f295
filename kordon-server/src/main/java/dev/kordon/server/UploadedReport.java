package dev.kordon.server;

import java.util.List;

/**
 * A Kordon JSON report as the server keeps it: validated, with every text field bounded in length.
 *
 * @param toolVersion the {@code tool.version} of the Kordon that wrote it
 * @param command the command that wrote it ({@code scan} when the report names none)
 * @param objects {@code summary.objects}
 * @param errors how many inputs could not be read
 * @param summaries the RBAC and NetworkPolicy summaries; empty for a report without them
 */
public record UploadedReport(
    String toolVersion,
    String command,
    int objects,
    List<Item> findings,
    List<Views.Score> frameworks,
    List<Views.ControlRow> controls,
    int errors,
    List<SummaryRow> summaries) {

  public UploadedReport {
    findings = List.copyOf(findings);
    frameworks = List.copyOf(frameworks);
    controls = List.copyOf(controls);
    summaries = List.copyOf(summaries);
  }

  /** One finding of the report. */
  public record Item(
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
      String note) {

    public boolean failing() {
      return "fail".equals(status);
    }
  }
}
