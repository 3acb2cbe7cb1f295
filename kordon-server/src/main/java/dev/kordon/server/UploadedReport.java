package dev.kordon.server;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A Kordon JSON report as the server keeps it: validated, with every text field bounded in length.
 *
 * @param toolVersion the {@code tool.version} of the Kordon that wrote it
 * @param command the command that wrote it ({@code scan} when the report names none)
 * @param objects {@code summary.objects}
 * @param errors how many inputs could not be read
 */
public record UploadedReport(
    String toolVersion,
    String command,
    int objects,
    List<Item> findings,
    List<FrameworkScore> frameworks,
    List<ControlCount> controls,
    int errors) {

  public UploadedReport {
    findings = List.copyOf(findings);
    frameworks = List.copyOf(frameworks);
    controls = List.copyOf(controls);
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

  /** A framework's score in the report. */
  public record FrameworkScore(
      String id, String name, OptionalDouble score, int passed, int failed) {}

  /** The control view: failed and judged resources of one control. */
  public record ControlCount(
      String controlId, String title, String severity, int resources, int failedResources) {}
}
