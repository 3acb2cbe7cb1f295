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

/**
 * No pod or container may run with GID 0: as {@code runAsGroup}, {@code fsGroup} or one of the
 * {@code supplementalGroups}.
 */
public final class RootGroup implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0005")
          .title("Container runs with GID 0")
          .severity(Severity.LOW)
          .description(
              "Group 0 is the root group: files that are group-writable by root (many under /etc,"
                  + " device nodes, mounted host paths) become writable by the container even"
                  + " when it runs as a non-root user.")
          .remediation(
              "Set runAsGroup and fsGroup to a non-zero GID and remove 0 from"
                  + " supplementalGroups.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:non-root")
          .peers("trivy:KSV-0116")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    if (PodFacts.of(pod).ownUserNamespace()) {
      return out;
    }
    for (String field : List.of("runAsGroup", "fsGroup")) {
      JsonPointer p = pod.field("securityContext", field);
      if (pod.object().integer(p).orElse(-1) == 0) {
        out.add(INFO.finding(pod.object(), p, "pod sets securityContext." + field + ": 0"));
      }
    }
    JsonNode groups = pod.at("securityContext", "supplementalGroups");
    for (int i = 0; groups.isArray() && i < groups.size(); i++) {
      if (groups.get(i).isIntegralNumber() && groups.get(i).longValue() == 0) {
        out.add(
            INFO.finding(
                pod.object(),
                pod.field("securityContext", "supplementalGroups", Integer.toString(i)),
                "pod lists GID 0 in securityContext.supplementalGroups"));
      }
    }
    for (ContainerView c : pod.allContainers()) {
      JsonPointer p = c.field("securityContext", "runAsGroup");
      if (pod.object().integer(p).orElse(-1) == 0) {
        out.add(
            INFO.finding(pod.object(), p, c.describe() + " sets securityContext.runAsGroup: 0"));
      }
    }
    return out;
  }
}
