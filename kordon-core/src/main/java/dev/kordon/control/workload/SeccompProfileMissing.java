package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Every container should run under a seccomp profile, set on the container or inherited from the
 * pod. An explicit {@code Unconfined} is {@link SeccompUnconfined}'s; this control reports only
 * containers for which neither level sets a type.
 */
public final class SeccompProfileMissing implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0018")
          .title("Seccomp profile not set")
          .severity(Severity.MEDIUM)
          .description(
              "Without a seccomp profile a container runs unconfined unless every kubelet enables"
                  + " SeccompDefault: all ~400 system calls are open to it, including the rarely"
                  + " used ones (unshare, keyctl, bpf, userfaultfd) most kernel escapes rely on.")
          .remediation(
              "Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a"
                  + " profile) on the pod, so every container inherits it.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs(
              "cis:5.7.2", "nsa:seccomp", "pss:restricted/seccompProfile_restricted", "mitre:T1068")
          .peers("kubescape:C-0210", "trivy:KSV-0030")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    if (PodFacts.of(pod).windows()) {
      return out;
    }
    for (ContainerView c : pod.allContainers()) {
      EffectiveSetting type = EffectiveSetting.of(pod, c, "seccompProfile", "type");
      if (!type.isSet()) {
        out.add(
            INFO.finding(
                pod.object(),
                c.pointer(),
                c.describe()
                    + " has no securityContext.seccompProfile.type, on itself or on the pod"));
      }
    }
    return out;
  }
}
