package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/** Windows pods and containers must not run as HostProcess containers. */
public final class WindowsHostProcess implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0025")
          .title("Windows HostProcess container")
          .severity(Severity.CRITICAL)
          .description(
              "A HostProcess container is a process on the Windows node, not in a container: it"
                  + " uses the host's network, file system and accounts, the Windows counterpart"
                  + " of a privileged container.")
          .remediation(
              "Remove windowsOptions.hostProcess or set it to false; keep node administration in"
                  + " node images or agents outside the cluster's workloads.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.2.11", "pss:baseline/windowsHostProcess", "mitre:T1611")
          .peers("kubescape:C-0202", "trivy:KSV-0103")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    JsonPointer podField = pod.field("securityContext", "windowsOptions", "hostProcess");
    if (pod.object().bool(podField).orElse(false)) {
      out.add(
          INFO.finding(
              pod.object(), podField, "pod sets securityContext.windowsOptions.hostProcess: true"));
    }
    for (ContainerView c : pod.allContainers()) {
      JsonPointer field = c.field("securityContext", "windowsOptions", "hostProcess");
      if (pod.object().bool(field).orElse(false)) {
        out.add(
            INFO.finding(
                pod.object(),
                field,
                c.describe() + " sets securityContext.windowsOptions.hostProcess: true"));
      }
    }
    return out;
  }
}
