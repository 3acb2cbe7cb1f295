package dev.kordon.report;

import dev.kordon.control.ControlInfo;
import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Finding;
import dev.kordon.model.ScanError;
import java.util.List;

/**
 * Everything a writer needs, fully computed: writers only format. One model for every front door
 * (files, cluster, pss, rbac, netpol, admission audit).
 *
 * @param findings sorted by file, line, control id, object
 * @param controls metadata of every control that ran (SARIF rules, explanations)
 * @param resources every object scanned, so that passes can be shown too
 * @param errors inputs that could not be read (exit code 2)
 * @param notes inputs skipped on purpose, with the reason
 * @param sections analyzer results, in shapes every writer can render
 * @param command the command that made the report: {@code scan} for the control catalog over
 *     objects (findings, frameworks, summary), or an analyzer command such as {@code rbac who-can}
 *     whose result is its sections
 * @param controlSummaries the control view: per control that ran, its failed and judged resources
 *     over the whole scan (empty for analyzer commands)
 */
public record Report(
    Tool tool,
    Summary summary,
    List<Finding> findings,
    List<FrameworkScore> frameworks,
    List<ScanError> errors,
    List<ScanError> notes,
    List<ControlInfo> controls,
    List<Resource> resources,
    List<ReportSection> sections,
    String command,
    List<ControlSummary> controlSummaries) {

  /** The command word of a scan report. */
  public static final String SCAN = "scan";

  public Report {
    // a scan's findings in columns stay so: a copy would build every finding at once
    findings = findings instanceof FindingColumns.View ? findings : List.copyOf(findings);
    frameworks = List.copyOf(frameworks);
    errors = List.copyOf(errors);
    notes = List.copyOf(notes);
    controls = List.copyOf(controls);
    resources = List.copyOf(resources);
    sections = List.copyOf(sections);
    controlSummaries = List.copyOf(controlSummaries);
    if (command.isBlank()) {
      throw new IllegalArgumentException("a report names the command that made it");
    }
  }

  /** A report without a control view. */
  public Report(
      Tool tool,
      Summary summary,
      List<Finding> findings,
      List<FrameworkScore> frameworks,
      List<ScanError> errors,
      List<ScanError> notes,
      List<ControlInfo> controls,
      List<Resource> resources,
      List<ReportSection> sections,
      String command) {
    this(
        tool,
        summary,
        findings,
        frameworks,
        errors,
        notes,
        controls,
        resources,
        sections,
        command,
        List.of());
  }

  /** A scan report. */
  public Report(
      Tool tool,
      Summary summary,
      List<Finding> findings,
      List<FrameworkScore> frameworks,
      List<ScanError> errors,
      List<ScanError> notes,
      List<ControlInfo> controls,
      List<Resource> resources,
      List<ReportSection> sections) {
    this(tool, summary, findings, frameworks, errors, notes, controls, resources, sections, SCAN);
  }

  /**
   * The report of an analyzer command: its result is the sections; input problems are split into
   * errors (exit code 2) and notes.
   *
   * @param objects how many objects were read (0 when the command reads none)
   */
  public static Report analysis(
      String command, int objects, List<ScanError> problems, List<ReportSection> sections) {
    return new Report(
        Tool.KORDON,
        Summary.of(objects, List.of()),
        List.of(),
        List.of(),
        problems.stream().filter(ScanError::isError).toList(),
        problems.stream().filter(e -> !e.isError()).toList(),
        List.of(),
        List.of(),
        sections,
        command);
  }

  /**
   * Commands whose result is findings, shown as a scan's are: the scan itself, and the audit-log
   * detections and policy lint ({@code audit}, {@code audit policy}).
   */
  public static final java.util.Set<String> FINDING_COMMANDS =
      java.util.Set.of(SCAN, "audit", "audit policy");

  /**
   * Whether writers show this report's findings (a scan, or another command judged by controls).
   */
  public boolean hasFindings() {
    return FINDING_COMMANDS.contains(command);
  }

  /** Whether this is a scan report (findings and scores) rather than an analyzer's result. */
  public boolean isScan() {
    return command.equals(SCAN);
  }

  /** Version of the JSON and SARIF shape Kordon writes; bump on an incompatible change. */
  public static final String SCHEMA_VERSION = "1";

  public record Tool(String name, String version) {
    public static final Tool KORDON = new Tool("kordon", Version.current());
  }

  /** A report with one more section. */
  public Report withSection(ReportSection section) {
    List<ReportSection> all = new java.util.ArrayList<>(sections);
    all.add(section);
    return new Report(
        tool,
        summary,
        findings,
        frameworks,
        errors,
        notes,
        controls,
        resources,
        all,
        command,
        controlSummaries);
  }

  /** The same report with its control view. */
  public Report withControlSummaries(List<ControlSummary> view) {
    return new Report(
        tool,
        summary,
        findings,
        frameworks,
        errors,
        notes,
        controls,
        resources,
        sections,
        command,
        view);
  }

  /** Failed (not excepted) findings. */
  public List<Finding> failedFindings() {
    return findings.stream().filter(Finding::failed).toList();
  }
}
