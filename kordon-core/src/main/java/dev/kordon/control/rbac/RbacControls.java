package dev.kordon.control.rbac;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import dev.kordon.rbac.RiskCatalog;
import java.util.List;

/** Controls backed by the RBAC analyzer: escalation paths, risky permissions. */
public final class RbacControls {
  private RbacControls() {}

  public static List<Control> all(ControlSettings settings) {
    RiskCatalog risks = RiskCatalog.builtIn();
    return List.of(
        new SubjectCanEscalateToClusterAdmin(),
        new WorkloadServiceAccountHoldsRiskyPermission(risks),
        new BindingGrantsRiskyPermission(risks));
  }
}
