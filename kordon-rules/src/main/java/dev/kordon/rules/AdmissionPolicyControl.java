package dev.kordon.rules;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.SnapshotControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns ValidatingAdmissionPolicies (with their bindings) found among the scanned objects or given
 * in policy files into findings: a denial is high, a warning medium, an audit-only result low.
 * Nothing happens when there are no bindings.
 */
final class AdmissionPolicyControl implements SnapshotControl {

  static final ControlInfo INFO =
      ControlInfo.builder("ValidatingAdmissionPolicy")
          .title("Rejected by a ValidatingAdmissionPolicy")
          .severity(Severity.HIGH)
          .description(
              "A ValidatingAdmissionPolicy bound in the scanned configuration would deny, warn"
                  + " about or audit this object when it is created.")
          .remediation("Change the object so that the policy's validations pass.")
          .build();

  private static final JsonPointer NAME = JsonPointer.of("metadata", "name");

  private final PolicySet fromFiles;
  private final KubeCel cel;
  private final PolicyEvaluator evaluator;

  AdmissionPolicyControl(PolicySet fromFiles, KubeCel cel, Requester requester) {
    this.fromFiles = fromFiles;
    this.cel = cel;
    this.evaluator = new PolicyEvaluator(requester);
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(Snapshot snapshot) {
    PolicySet set = fromFiles.plus(PolicySet.of(snapshot.objects(), cel));
    List<Finding> out = new ArrayList<>();
    if (set.bindings().isEmpty()) {
      return out;
    }
    for (PolicyResult result : evaluator.evaluate(set, snapshot)) {
      for (Decision d : result.decisions()) {
        out.add(
            Finding.of(
                INFO.id(),
                INFO.title(),
                severity(d),
                INFO.remediation(),
                List.of(),
                d.object(),
                NAME,
                d.text()));
      }
    }
    return out;
  }

  private static Severity severity(Decision d) {
    if (d.denies()) {
      return Severity.HIGH;
    }
    return d.actions().contains(PolicyBinding.Action.WARN) ? Severity.MEDIUM : Severity.LOW;
  }

  @Override
  public int evaluated(Snapshot snapshot) {
    return snapshot.size();
  }
}
