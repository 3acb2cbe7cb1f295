package dev.kordon.control.node;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/** kube-proxy serves its metrics beyond the loopback interface. */
public final class KubeProxyMetricsExposed implements ObjectControl {

  static final JsonPointer FIELD = JsonPointer.of("metricsBindAddress");

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0371")
          .title("Metrics of kube-proxy bound beyond localhost")
          .severity(Severity.LOW)
          .description(
              "kube-proxy's metrics endpoint has no authentication; bound to every interface it tells anyone on the network about the node's services and proxy state.")
          .remediation(
              "Set metricsBindAddress to 127.0.0.1:10249 in the KubeProxyConfiguration (--metrics-bind-address), or leave it unset.")
          .kinds("KubeProxyConfiguration")
          .refs("cis:4.3.1", "mitre:T1613")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject config, Snapshot snapshot) {
    String address = config.text(FIELD).orElse("").strip();
    // unset (or empty, as kubeadm writes it) takes the default 127.0.0.1:10249
    if (address.isEmpty()
        || address.startsWith("127.")
        || address.startsWith("[::1]")
        || address.startsWith("localhost")) {
      return List.of();
    }
    return List.of(INFO.finding(config, FIELD, "kube-proxy sets metricsBindAddress: " + address));
  }
}
