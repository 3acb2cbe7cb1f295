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
 * Kubelet does not manage iptables chains, judged on a KubeletConfiguration (a node's configz, or a
 * kubelet config file).
 */
public final class KubeletIptablesChainsUnmanaged implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("makeIPTablesUtilChains");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0115")
          .title("Kubelet does not manage iptables chains")
          .severity(Severity.LOW)
          .description(
              "With makeIPTablesUtilChains: false the kubelet stops keeping the iptables chains that drop martian and marked packets in step with the network settings it was given.")
          .remediation(
              "Remove makeIPTablesUtilChains: false from the kubelet configuration (the default is true).")
          .kinds(KubeletConfigs.KIND)
          .refs("cis:4.2.6")
          .peers("kubescape:C-0178", "trivy:KCV-0084")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject config, Snapshot snapshot) {
    if (config.bool(FIELD).orElse(true)) {
      return List.of();
    }
    return List.of(
        INFO.finding(
            config,
            FIELD,
            KubeletConfigs.describe(config) + " sets makeIPTablesUtilChains: false"));
  }
}
