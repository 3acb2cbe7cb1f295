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
 * Kubelet client certificate rotation disabled, judged on a KubeletConfiguration (a node's configz,
 * or a kubelet config file).
 */
public final class KubeletCertificateRotationDisabled implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("rotateCertificates");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0116")
          .title("Kubelet client certificate rotation disabled")
          .severity(Severity.MEDIUM)
          .description(
              "With rotateCertificates: false the kubelet keeps its client certificate until it expires, so a stolen certificate stays valid for its whole lifetime and an expiry takes the node down.")
          .remediation(
              "Remove rotateCertificates: false from the kubelet configuration, or set it to true.")
          .kinds(KubeletConfigs.KIND)
          .refs("cis:4.2.10", "nsa:tls")
          .peers("kubescape:C-0182", "trivy:KCV-0090")
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
            config, FIELD, KubeletConfigs.describe(config) + " sets rotateCertificates: false"));
  }
}
