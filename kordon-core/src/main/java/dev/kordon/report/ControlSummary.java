package dev.kordon.report;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.Finding;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of the control view (kubescape's default summary): how one control fared over every
 * resource of the scan, whatever framework it belongs to.
 *
 * @param resources resources the control judged (at least {@code failedResources})
 * @param failedResources resources with at least one failed, not excepted, finding of the control
 * @param findings failed findings of the control (a resource may fail it more than once)
 * @param compliance 0–100, the share of judged resources that passed, rounded to one decimal; 100
 *     when the control judged nothing
 */
public record ControlSummary(
    String controlId,
    String title,
    Severity severity,
    int resources,
    int failedResources,
    int findings,
    double compliance,
    String remediation) {

  /** Most severe first, then the controls with the most failed resources, then by id. */
  public static final Comparator<ControlSummary> ORDER =
      Comparator.comparing(ControlSummary::severity)
          .reversed()
          .thenComparing(Comparator.comparingInt(ControlSummary::failedResources).reversed())
          .thenComparing(ControlSummary::controlId);

  public ControlSummary {
    if (failedResources < 0 || resources < failedResources || findings < failedResources) {
      throw new IllegalArgumentException(
          "control " + controlId + ": inconsistent counts " + resources + "/" + failedResources);
    }
  }

  /** Whether any resource fails the control. */
  public boolean failed() {
    return failedResources > 0;
  }

  /**
   * The control view of a scan, in {@link #ORDER}.
   *
   * @param controls the controls that ran
   * @param findings every finding, one per control (members of merged findings counted apart)
   * @param evaluated per control id, how many resources it judged
   */
  public static List<ControlSummary> of(
      List<ControlInfo> controls, List<Finding> findings, Map<String, Integer> evaluated) {
    Map<String, Set<ObjectRef>> failedResources = new HashMap<>();
    Map<String, Integer> failedFindings = new HashMap<>();
    for (Finding f : findings) {
      if (f.failed()) {
        failedResources.computeIfAbsent(f.controlId(), k -> new HashSet<>()).add(f.resource());
        failedFindings.merge(f.controlId(), 1, Integer::sum);
      }
    }
    return of(controls, failedResources, failedFindings, evaluated);
  }

  /**
   * The control view from counts a scan already keeps, so that no list of every finding is needed.
   *
   * @param failedResources per control id, the objects of its failed (not excepted) findings
   * @param failedFindings per control id, how many failed findings it has
   * @param evaluated per control id, how many resources it judged
   */
  public static List<ControlSummary> of(
      List<ControlInfo> controls,
      Map<String, Set<ObjectRef>> failedResources,
      Map<String, Integer> failedFindings,
      Map<String, Integer> evaluated) {
    Map<String, Integer> counts = new HashMap<>();
    failedResources.forEach((id, refs) -> counts.put(id, refs.size()));
    return ofCounts(controls, counts, failedFindings, evaluated);
  }

  /**
   * The control view from counts alone.
   *
   * @param failedResources per control id, how many distinct objects its failed (not excepted)
   *     findings are about
   * @param failedFindings per control id, how many failed findings it has
   * @param evaluated per control id, how many resources it judged
   */
  public static List<ControlSummary> ofCounts(
      List<ControlInfo> controls,
      Map<String, Integer> failedResources,
      Map<String, Integer> failedFindings,
      Map<String, Integer> evaluated) {
    List<ControlSummary> out = new ArrayList<>(controls.size());
    Set<String> seen = new HashSet<>();
    for (ControlInfo c : controls) {
      if (!seen.add(c.id())) {
        continue;
      }
      int bad = failedResources.getOrDefault(c.id(), 0);
      int judged = Math.max(evaluated.getOrDefault(c.id(), 0), bad);
      double compliance = judged == 0 ? 100.0 : 100.0 * (judged - bad) / judged;
      out.add(
          new ControlSummary(
              c.id(),
              c.title(),
              c.severity(),
              judged,
              bad,
              failedFindings.getOrDefault(c.id(), 0),
              Math.round(compliance * 10) / 10.0,
              c.remediation()));
    }
    out.sort(ORDER);
    return List.copyOf(out);
  }
}
