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
 * Kubelet does not protect kernel defaults, judged on a KubeletConfiguration (a node's configz, or
 * a kubelet config file).
 */
public final class KubeletKernelDefaultsUnprotected implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("protectKernelDefaults");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0114")
          .title("Kubelet does not protect kernel defaults")
          .severity(Severity.LOW)
          .description(
              "Without protectKernelDefaults: true the kubelet silently changes kernel parameters to what it wants instead of failing, so a node that drifts from its hardened sysctls keeps running.")
          .remediation(
              "Set protectKernelDefaults: true in the kubelet configuration, after setting the kernel parameters it expects.")
          .kinds(KubeletConfigs.KIND)
          .refs("mitre:T1611")
          .peers("kubescape:C-0177", "trivy:KCV-0083")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject config, Snapshot snapshot) {
    if (config.bool(FIELD).orElse(false)) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            config,
            KubeletConfigs.at(config, FIELD),
            KubeletConfigs.describe(config) + " does not set protectKernelDefaults: true"));
  }
}
