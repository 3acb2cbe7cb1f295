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
 * Even in a pod with its own user namespace ({@code hostUsers: false}), Pod Security restricted
 * wants the default masked /proc. Baseline allows it there from 1.35, since the kernel confines
 * writes to the pod's user namespace.
 */
public final class UnmaskedProcMountInUserNamespace implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0028")
          .title("Unmasked /proc mount in a user namespace")
          .severity(Severity.LOW)
          .description(
              "procMount: Unmasked in a pod with hostUsers: false exposes the unmasked /proc paths"
                  + " to a user namespace: the kernel refuses most writes to node-wide settings,"
                  + " but the container still reads kernel details the runtime would hide, and a"
                  + " kernel bug in user-namespace handling becomes reachable.")
          .remediation("Remove securityContext.procMount or set it to Default.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("pss:restricted/procMount_restricted")
          .peers("trivy:KSV-0027")
          .pssChecks("procMount_restricted")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("procMount_restricted", pod)) {
      if (!PodFacts.of(pod).ownUserNamespace()) {
        continue;
      }
      out.add(
          INFO.finding(
              pod.object(),
              f.path(),
              PodSecurity.who(pod, f.path())
                  + " sets securityContext.procMount: "
                  + pod.object().at(f.path()).asString("")
                  + " (pod has hostUsers: false)"));
    }
    return out;
  }
}
