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
 * Every container must run with {@code runAsNonRoot: true}, set on the container or inherited from
 * the pod; otherwise the image's USER decides, and most images run as root.
 */
public final class RunAsNonRootNotEnforced implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0003")
          .title("Container may run as root")
          .severity(Severity.MEDIUM)
          .description(
              "Without runAsNonRoot: true the kubelet starts the container as whatever user the"
                  + " image names, root for most images. Root in a container owns every file of"
                  + " the image and is one kernel bug or mount away from root on the node.")
          .remediation(
              "Set securityContext.runAsNonRoot to true on the pod (or every container) and run"
                  + " the image as a non-zero UID.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.2.7", "nsa:non-root", "pss:restricted/runAsNonRoot")
          .peers("kubescape:C-0013", "trivy:KSV-0012")
          .pssChecks("runAsNonRoot")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    JsonNode podValue = pod.at("securityContext", "runAsNonRoot");
    for (OffendingField f : PodSecurity.offending("runAsNonRoot", pod)) {
      JsonNode value = pod.object().at(f.path());
      String what;
      if (EffectiveSetting.present(value)) {
        what = " sets securityContext.runAsNonRoot: " + value.asString("");
      } else if (EffectiveSetting.present(podValue)) {
        what =
            " does not set securityContext.runAsNonRoot and inherits the pod's "
                + podValue.asString("");
      } else {
        what = " does not set securityContext.runAsNonRoot: true, nor does the pod";
      }
      out.add(INFO.finding(pod.object(), f.path(), PodSecurity.who(pod, f.path()) + what));
    }
    return out;
  }
}
