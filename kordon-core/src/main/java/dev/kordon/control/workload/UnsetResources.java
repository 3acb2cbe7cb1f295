package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.Finding;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The one loop the four resource controls share: init and regular containers (ephemeral ones cannot
 * have resources) whose request or limit stays unset after defaulting.
 */
final class UnsetResources {
  private UnsetResources() {}

  static List<Finding> check(
      ControlInfo info,
      PodSpecView pod,
      Snapshot snapshot,
      ResourceDefaults.Section section,
      String resource) {
    List<Finding> out = new ArrayList<>();
    for (ContainerView c : pod.allContainers()) {
      if (c.kind() == ContainerView.Kind.EPHEMERAL
          || ResourceDefaults.covered(pod, c, snapshot, section, resource)) {
        continue;
      }
      out.add(
          info.finding(
              pod.object(),
              c.field("resources", section.field, resource),
              c.describe() + " sets no resources." + section.field + "." + resource));
    }
    return out;
  }
}
