package dev.kordon.control.node;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/**
 * Kubelet without a client CA: nothing can authenticate to it with a certificate, so the API
 * server's calls (exec, logs) cannot be told from anyone else's. Judged on a KubeletConfiguration:
 * a node's effective configuration (config file and flags), configz, or a config file alone.
 */
public final class KubeletClientCaMissing implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("authentication", "x509", "clientCAFile");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0370")
          .title("Kubelet without a client CA file")
          .severity(Severity.HIGH)
          .description(
              "Without authentication.x509.clientCAFile the kubelet cannot verify client certificates: the API server's requests to it (exec, logs, port-forward) are not authenticated by certificate, and with anonymous auth on anyone reaching port 10250 is served.")
          .remediation(
              "Set authentication.x509.clientCAFile in the kubelet configuration (--client-ca-file) to the cluster CA, e.g. /etc/kubernetes/pki/ca.crt.")
          .kinds("KubeletConfiguration")
          .refs("cis:4.2.3", "nsa:tls", "mitre:T1557")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject config, Snapshot snapshot) {
    if (!config.text(FIELD).orElse("").isBlank()) {
      return List.of();
    }
    String who =
        config.name().isEmpty() ? "the kubelet" : "the kubelet of node \"" + config.name() + "\"";
    return List.of(INFO.finding(config, FIELD, who + " sets no authentication.x509.clientCAFile"));
  }
}
