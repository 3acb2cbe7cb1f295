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

/**
 * Containers sharing the node's user namespace must keep the default masked /proc: {@code
 * procMount} unset or {@code Default}. In a pod with its own user namespace ({@code hostUsers:
 * false}) the same setting is {@link UnmaskedProcMountInUserNamespace}'s, at a lower severity.
 */
public final class UnmaskedProcMount implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0022")
          .title("Unmasked /proc mount")
          .severity(Severity.HIGH)
          .description(
              "The runtime masks and makes read-only the parts of /proc and /sys that reach the"
                  + " node's kernel (/proc/kcore, /proc/sysrq-trigger, /proc/sys). procMount:"
                  + " Unmasked removes those masks, handing the container kernel memory, kernel"
                  + " tunables and a sysrq trigger for the whole node.")
          .remediation("Remove securityContext.procMount or set it to Default.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("pss:baseline/procMount", "pss:restricted/procMount_restricted", "mitre:T1611")
          .peers("trivy:KSV-0027")
          .pssChecks("procMount", "procMount_restricted")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("procMount", pod)) {
      out.add(
          INFO.finding(
              pod.object(),
              f.path(),
              PodSecurity.who(pod, f.path())
                  + " sets securityContext.procMount: "
                  + pod.object().at(f.path()).asString("")));
    }
    return out;
  }
}
