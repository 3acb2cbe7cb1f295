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
 * Kubelet read-only port open, judged on a KubeletConfiguration (a node's configz, or a kubelet
 * config file).
 */
public final class KubeletReadOnlyPort implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("readOnlyPort");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0112")
          .title("Kubelet read-only port open")
          .severity(Severity.MEDIUM)
          .description(
              "The read-only port (usually 10255) serves pod specs, environment names and metrics without any authentication or authorization.")
          .remediation("Set readOnlyPort: 0 in the kubelet configuration (--read-only-port=0).")
          .kinds(KubeletConfigs.KIND)
          .refs("cis:4.2.4", "mitre:T1613")
          .peers("kubescape:C-0175", "trivy:KCV-0082")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject config, Snapshot snapshot) {
    long port = config.integer(FIELD).orElse(0);
    if (port <= 0) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            config, FIELD, KubeletConfigs.describe(config) + " serves the read-only port " + port));
  }
}
