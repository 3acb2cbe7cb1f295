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
 * Kubelet allows anonymous requests, judged on a KubeletConfiguration (a node's configz, or a
 * kubelet config file).
 */
public final class KubeletAnonymousAuth implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("authentication", "anonymous", "enabled");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0110")
          .title("Kubelet allows anonymous requests")
          .severity(Severity.CRITICAL)
          .description(
              "With authentication.anonymous.enabled: true, anyone who reaches port 10250 is system:anonymous; with a permissive authorizer that means listing pods, reading logs and running commands in any container on the node.")
          .remediation(
              "Set authentication.anonymous.enabled: false in the kubelet configuration (--anonymous-auth=false).")
          .kinds(KubeletConfigs.KIND)
          .refs("cis:4.2.1", "nsa:rbac", "mitre:T1609")
          .peers("kubescape:C-0069", "kubescape:C-0172", "trivy:KCV-0079")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject config, Snapshot snapshot) {
    if (!config.bool(FIELD).orElse(false)) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            config,
            FIELD,
            KubeletConfigs.describe(config) + " sets authentication.anonymous.enabled: true"));
  }
}
