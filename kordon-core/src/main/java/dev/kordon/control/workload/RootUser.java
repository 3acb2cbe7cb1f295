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

/** No pod or container may ask for UID 0 explicitly with {@code runAsUser: 0}. */
public final class RootUser implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0004")
          .title("Container runs as UID 0")
          .severity(Severity.HIGH)
          .description(
              "runAsUser: 0 runs the container as root whatever user the image declares, and"
                  + " no later setting can lower it. Root in a container is UID 0 on the node as"
                  + " far as the kernel is concerned, unless the pod has its own user namespace.")
          .remediation(
              "Remove runAsUser: 0 and set runAsUser to a non-zero UID the image can run as.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.2.7", "nsa:non-root", "pss:restricted/runAsUser")
          .peers("kubescape:C-0013", "trivy:KSV-0105")
          .pssChecks("runAsUser")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("runAsUser", pod)) {
      out.add(
          INFO.finding(
              pod.object(),
              f.path(),
              PodSecurity.who(pod, f.path()) + " sets securityContext.runAsUser: 0"));
    }
    return out;
  }
}
