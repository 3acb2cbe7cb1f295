package dev.kordon.results;

import dev.kordon.control.ControlInfo;
import dev.kordon.report.ReportSection;
import java.util.ArrayList;
import java.util.List;

/** The control catalog ({@code kordon controls list|explain}) as report sections. */
public final class CatalogResults {
  private CatalogResults() {}

  /** The reference kinds shown as fields, in this order. */
  public static final List<String> REF_FIELDS =
      List.of("cis", "nsa", "pss", "mitre", "kubescape", "trivy");

  /** One control: metadata, and its references per kind ({@code cis}, {@code kubescape}, ...). */
  public record ControlView(
      String id,
      String title,
      String severity,
      List<String> kinds,
      List<String> cis,
      List<String> nsa,
      List<String> pss,
      List<String> mitre,
      List<String> kubescape,
      List<String> trivy,
      String description,
      String remediation,
      List<String> altIds,
      boolean optional) {

    static ControlView of(ControlInfo info) {
      return new ControlView(
          info.id(),
          info.title(),
          info.severity().word(),
          info.kinds(),
          info.refs("cis"),
          info.refs("nsa"),
          info.refs("pss"),
          info.refs("mitre"),
          info.refs("kubescape"),
          info.refs("trivy"),
          info.description(),
          info.remediation(),
          info.altIds(),
          info.optional());
    }
  }

  /** The explanation of one control, with the prose of its bundled documentation page. */
  public record ExplainView(ControlView control, String documentation) {}

  public static ReportSection list(List<ControlInfo> infos) {
    List<List<String>> rows = new ArrayList<>();
    for (ControlInfo info : infos) {
      rows.add(
          List.of(
              info.id(), info.severity().word(), info.title(), String.join(" ", info.allRefs())));
    }
    return new ReportSection.Table(
        "controls",
        "",
        List.of("ID", "SEVERITY", "TITLE", "REFERENCES"),
        rows,
        List.of(infos.size() + " controls. Details: kordon controls explain <ID>"),
        infos.stream().map(ControlView::of).toList());
  }

  public static ReportSection explain(ControlInfo info, String documentation) {
    List<String> lines = new ArrayList<>();
    lines.add(info.id() + "  " + info.title());
    lines.add("severity: " + info.severity().word());
    lines.add("applies to: " + String.join(", ", info.kinds()));
    for (String field : REF_FIELDS) {
      List<String> refs = info.refs(field);
      if (!refs.isEmpty()) {
        lines.add(field + ": " + String.join(", ", refs));
      }
    }
    lines.add("");
    lines.addAll(info.description().lines().toList());
    lines.add("");
    lines.add("Fix: " + info.remediation());
    String doc = documentation.strip();
    if (!doc.isEmpty()) {
      lines.add("");
      lines.addAll(doc.lines().toList());
    }
    return new ReportSection.Text(
        "control", "", lines, new ExplainView(ControlView.of(info), documentation));
  }
}
