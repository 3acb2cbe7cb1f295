package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.pss.OffendingField;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
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
          .pssChecks("hostNamespaces")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("hostNamespaces", pod)) {
      if (!f.path().last().equals("hostNetwork")) {
        continue;
      }
      out.add(INFO.finding(pod.object(), f.path(), "pod sets hostNetwork: true"));
    }
    return out;
  }
}
