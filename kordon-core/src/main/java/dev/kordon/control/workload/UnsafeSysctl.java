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
 * Pods may set only the sysctls that Pod Security baseline (latest) counts as safe: namespaced, and
 * without effect on other pods or the node.
 */
public final class UnsafeSysctl implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0023")
          .title("Unsafe sysctl")
          .severity(Severity.MEDIUM)
          .description(
              "Sysctls outside the safe set either are not namespaced (they change the kernel of"
                  + " the whole node) or let one pod exhaust resources shared with its neighbours;"
                  + " the kubelet refuses them unless an administrator allowed them on the node.")
          .remediation(
              "Remove the sysctl from securityContext.sysctls, or set it on the node and keep the"
                  + " pod on nodes configured for it.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("pss:baseline/sysctls", "mitre:T1611")
          .peers("trivy:KSV-0026")
          .pssChecks("sysctls")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("sysctls", pod)) {
      String name = pod.object().text(f.path()).orElse("");
      out.add(
          INFO.finding(
              pod.object(),
              f.path(),
              "pod sets sysctl " + (name.isEmpty() ? "without a name" : name)));
    }
    return out;
  }
}
