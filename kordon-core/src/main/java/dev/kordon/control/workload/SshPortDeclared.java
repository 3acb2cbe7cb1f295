package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A container declaring port 22 most likely runs an SSH server. */
public final class SshPortDeclared implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0060")
          .title("Container exposes SSH port 22")
          .severity(Severity.LOW)
          .description(
              "An SSH server inside a container is a second way in that bypasses Kubernetes"
                  + " authentication, RBAC and audit logging of kubectl exec; its keys and"
                  + " passwords live in the image or in volumes and are rarely rotated.")
          .remediation(
              "Remove the SSH server and port 22 from the container; use kubectl exec or"
                  + " kubectl debug for interactive access.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("mitre:T1021")
          .peers("kubescape:C-0042")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (ContainerView c : pod.allContainers()) {
      JsonNode ports = c.node().path("ports");
      for (int i = 0; ports.isArray() && i < ports.size(); i++) {
        JsonPointer field = c.field("ports", Integer.toString(i), "containerPort");
        if (pod.object().integer(field).orElse(-1) == 22) {
          out.add(INFO.finding(pod.object(), field, c.describe() + " declares containerPort 22"));
        }
      }
    }
    return out;
  }
}
