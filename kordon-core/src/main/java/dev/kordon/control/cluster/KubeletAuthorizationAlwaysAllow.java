package dev.kordon.control.cluster;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * Kubelet authorizes every request, judged on a KubeletConfiguration (a node's configz, or a
 * kubelet config file).
 */
public final class KubeletAuthorizationAlwaysAllow implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("authorization", "mode");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0111")
          .title("Kubelet authorizes every request")
          .severity(Severity.HIGH)
          .description(
              "With authorization.mode: AlwaysAllow, every authenticated (or anonymous) caller of the kubelet API may exec into containers, read logs and port-forward, whatever RBAC says.")
          .remediation(
              "Set authorization.mode: Webhook in the kubelet configuration (--authorization-mode=Webhook).")
          .kinds(KubeletConfigs.KIND)
          .refs("cis:4.2.2", "nsa:rbac", "mitre:T1609")
          .peers("kubescape:C-0173", "trivy:KCV-0080")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject config, Snapshot snapshot) {
    if (!config.text(FIELD).orElse("").equals("AlwaysAllow")) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            config,
            FIELD,
            KubeletConfigs.describe(config) + " sets authorization.mode: AlwaysAllow"));
  }
}
