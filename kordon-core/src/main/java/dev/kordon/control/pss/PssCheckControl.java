package dev.kordon.control.pss;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.pss.OffendingField;
import dev.kordon.pss.PssEvaluator;
import dev.kordon.pss.PssVersion;
import dev.kordon.pss.PssViolation;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Pod Security Standards check as a scan control: the check's latest revision, one finding per
 * offending field. The PSA check id travels as the framework reference {@code pss:<level>/<id>}.
 */
final class PssCheckControl implements PodControl {

  private final ControlInfo info;
  private final PssEvaluator evaluator;

  /** The check is the one the info names ({@link ControlInfo#pssChecks()}). */
  PssCheckControl(ControlInfo info, PssEvaluator evaluator) {
    this.info = info;
    this.evaluator = evaluator;
  }

  @Override
  public ControlInfo info() {
    return info;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    Optional<PssViolation> v =
        evaluator.evaluateCheck(info.pssChecks().get(0), PssVersion.LATEST, pod);
    if (v.isEmpty()) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : v.get().fields()) {
      out.add(info.finding(pod.object(), f.path(), f.detail()));
    }
    return out;
  }
}
