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

/** Pods must not join the node's process namespace ({@code hostPID: true}). */
public final class HostPidNamespace implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0006")
          .title("Host PID namespace shared")
          .severity(Severity.HIGH)
          .description(
              "With hostPID the pod sees every process of the node: it can read their "
                  + "environment and command lines (tokens, passwords), signal them, and with "
                  + "SYS_PTRACE or root enter them through /proc/<pid>/root.")
          .remediation("Remove hostPID or set it to false.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.2.3", "nsa:host-namespaces", "pss:baseline/hostNamespaces", "mitre:T1611")
          .peers("kubescape:C-0038", "kubescape:C-0275", "trivy:KSV-0010")
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
      if (!f.path().last().equals("hostPID")) {
        continue;
      }
      out.add(INFO.finding(pod.object(), f.path(), "pod sets hostPID: true"));
    }
    return out;
  }
}
