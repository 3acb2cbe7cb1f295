package dev.kordon.auditpolicy;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * One check of the audit Policy lint as a control, so that {@code kordon node} judges the policy
 * file the API server reads with the same rules as {@code kordon audit policy}.
 */
public record AuditPolicyLintControl(ControlInfo info) implements ObjectControl {

  /** A control for each check of {@link AuditPolicyLint}. */
  public static List<ObjectControl> all() {
    return AuditPolicyLint.infos().stream()
        .<ObjectControl>map(AuditPolicyLintControl::new)
        .toList();
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals("Policy") && object.apiVersion().startsWith("audit.k8s.io/");
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    return AuditPolicyLint.lint(object).stream()
        .filter(f -> f.controlId().equals(info.id()))
        .toList();
  }
}
