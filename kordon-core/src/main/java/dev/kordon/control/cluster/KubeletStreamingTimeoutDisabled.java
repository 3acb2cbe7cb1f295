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
 * Kubelet streaming connections never time out, judged on a KubeletConfiguration (a node's configz,
 * or a kubelet config file).
 */
public final class KubeletStreamingTimeoutDisabled implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("streamingConnectionIdleTimeout");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0113")
          .title("Kubelet streaming connections never time out")
          .severity(Severity.LOW)
          .description(
              "With streamingConnectionIdleTimeout: 0, exec, attach and port-forward sessions stay open forever: abandoned sessions pile up and an attacker keeps a channel that no one sees close.")
          .remediation(
              "Set streamingConnectionIdleTimeout to a bounded duration such as 5m in the kubelet configuration.")
          .kinds(KubeletConfigs.KIND)
          .refs("cis:4.2.5", "mitre:T1609")
          .peers("kubescape:C-0176", "trivy:KCV-0085")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject config, Snapshot snapshot) {
    String value = config.text(FIELD).orElse("");
    if (value.isEmpty() || !value.matches("[0.]+([a-z]+[0.]*)*|0")) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            config,
            FIELD,
            KubeletConfigs.describe(config) + " sets streamingConnectionIdleTimeout: " + value));
  }
}
