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
import tools.jackson.databind.JsonNode;

/**
 * Containers must set {@code allowPrivilegeEscalation: false}: unset means true, and a setuid
 * binary in the image can then make its process root again.
 */
public final class PrivilegeEscalationAllowed implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0002")
          .title("Privilege escalation allowed")
          .severity(Severity.MEDIUM)
          .description(
              "Unless allowPrivilegeEscalation is false, the kernel lets a process gain more"
                  + " privileges than its parent (no_new_privs is off): setuid and setcap binaries"
                  + " in the image turn a compromised unprivileged process into root.")
          .remediation("Set securityContext.allowPrivilegeEscalation to false on every container.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs(
              "cis:5.2.6",
              "nsa:pod-security",
              "pss:restricted/allowPrivilegeEscalation",
              "mitre:T1548")
          .peers("kubescape:C-0016", "trivy:KSV-0001")
          .pssChecks("allowPrivilegeEscalation")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("allowPrivilegeEscalation", pod)) {
      JsonNode value = pod.object().at(f.path());
      String what;
      if (EffectiveSetting.present(value)) {
        what = " sets securityContext.allowPrivilegeEscalation: " + value.asString("");
      } else if (pod.object().bool(f.path().parent().append("privileged")).orElse(false)) {
        what = " runs privileged, which always allows privilege escalation";
      } else {
        what = " does not set securityContext.allowPrivilegeEscalation: false";
      }
      out.add(INFO.finding(pod.object(), f.path(), PodSecurity.who(pod, f.path()) + what));
    }
    return out;
  }
}
