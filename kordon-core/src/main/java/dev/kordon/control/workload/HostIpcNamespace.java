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

/** Pods must not join the node's IPC namespace ({@code hostIPC: true}). */
public final class HostIpcNamespace implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0007")
          .title("Host IPC namespace shared")
          .severity(Severity.HIGH)
          .description(
              "With hostIPC the pod shares System V IPC and POSIX message queues and shared "
                  + "memory with the node: it can read and corrupt the shared memory of host "
                  + "processes and of other pods using the host namespace.")
          .remediation("Remove hostIPC or set it to false.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.2.4", "nsa:host-namespaces", "pss:baseline/hostNamespaces", "mitre:T1611")
          .peers("kubescape:C-0038", "kubescape:C-0276", "trivy:KSV-0008")
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
      if (!f.path().last().equals("hostIPC")) {
        continue;
      }
      out.add(INFO.finding(pod.object(), f.path(), "pod sets hostIPC: true"));
    }
    return out;
  }
}
