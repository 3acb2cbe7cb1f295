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
          .pssChecks("windowsHostProcess")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("windowsHostProcess", pod)) {
      out.add(
          INFO.finding(
              pod.object(),
              f.path(),
              PodSecurity.who(pod, f.path())
                  + " sets securityContext.windowsOptions.hostProcess: true"));
    }
    return out;
  }
}
