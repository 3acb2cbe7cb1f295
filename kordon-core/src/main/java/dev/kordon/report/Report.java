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
 * @param sections analyzer extras, as tables any writer can render
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
    List<ReportSection> sections) {

  public Report {
    findings = List.copyOf(findings);
    frameworks = List.copyOf(frameworks);
    errors = List.copyOf(errors);
    notes = List.copyOf(notes);
    controls = List.copyOf(controls);
    resources = List.copyOf(resources);
    sections = List.copyOf(sections);
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
    return new Report(tool, summary, findings, frameworks, errors, notes, controls, resources, all);
  }

  /** Failed (not excepted) findings. */
  public List<Finding> failedFindings() {
    return findings.stream().filter(Finding::failed).toList();
  }
}
