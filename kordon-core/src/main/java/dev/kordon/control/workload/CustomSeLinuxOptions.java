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
 * SELinux options may choose the MCS level but not the user, the role, or a type other than the
 * container types (Pod Security baseline {@code seLinuxOptions}).
 */
public final class CustomSeLinuxOptions implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0021")
          .title("Custom SELinux options")
          .severity(Severity.MEDIUM)
          .description(
              "A custom SELinux user, role or type replaces the confined container domain: types"
                  + " such as spc_t (super-privileged container) or unconfined_t lift every"
                  + " SELinux restriction on the container's access to the node.")
          .remediation(
              "Remove seLinuxOptions.user and role, and leave type unset or one of container_t,"
                  + " container_init_t, container_kvm_t, container_engine_t.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:seccomp", "pss:baseline/seLinuxOptions", "mitre:T1611")
          .peers("trivy:KSV-0025")
          .pssChecks("seLinuxOptions")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("seLinuxOptions", pod)) {
      out.add(
          INFO.finding(
              pod.object(),
              f.path(),
              PodSecurity.who(pod, f.path())
                  + " sets securityContext.seLinuxOptions."
                  + f.path().last()
                  + ": "
                  + pod.object().at(f.path()).asString("")));
    }
    return out;
  }
}
