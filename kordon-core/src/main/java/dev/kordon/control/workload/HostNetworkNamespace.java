package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;

/** Pods must not join the node's network namespace ({@code hostNetwork: true}). */
public final class HostNetworkNamespace implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0008")
          .title("Host network namespace shared")
          .severity(Severity.HIGH)
          .description(
              "With hostNetwork the pod uses the node's network stack: it reaches services "
                  + "bound to the node's loopback (kubelet, etcd on control-plane nodes), sees all "
                  + "node traffic, bypasses NetworkPolicy and can bind any port of the node.")
          .remediation(
              "Remove hostNetwork or set it to false; expose the workload through a Service"
                  + " instead.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs(
              "cis:5.2.5",
              "nsa:host-namespaces",
              "pss:baseline/hostNamespaces",
              "mitre:T1557",
              "mitre:T1046")
          .peers("kubescape:C-0041", "trivy:KSV-0009")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    JsonPointer field = pod.field("hostNetwork");
    if (pod.object().bool(field).orElse(false)) {
      return List.of(INFO.finding(pod.object(), field, "pod sets hostNetwork: true"));
    }
    return List.of();
  }
}
