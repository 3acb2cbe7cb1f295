package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.pss.OffendingField;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Every container should run under a seccomp profile, set on the container or inherited from the
 * pod (Pod Security restricted {@code seccompProfile_restricted}). A profile of a wrong type is
 * {@link SeccompUnconfined}'s; this control reports the containers that set none and inherit none
 * that is allowed.
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
          .pssChecks("seccompProfile_restricted")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    JsonNode podProfile = pod.at("securityContext", "seccompProfile");
    for (OffendingField f : PodSecurity.offending("seccompProfile_restricted", pod)) {
      Optional<ContainerView> c = PodSecurity.container(pod, f.path());
      if (c.isEmpty()
          || EffectiveSetting.present(c.get().securityContext().path("seccompProfile"))) {
        continue; // a profile of the wrong type is SeccompUnconfined's
      }
      String message =
          EffectiveSetting.present(podProfile)
              ? c.get().describe()
                  + " has no securityContext.seccompProfile and the pod's is of type \""
                  + podProfile.path("type").asString("")
                  + "\""
              : c.get().describe()
                  + " has no securityContext.seccompProfile.type, on itself or on the pod";
      out.add(INFO.finding(pod.object(), f.path(), message));
    }
    return out;
  }
}
