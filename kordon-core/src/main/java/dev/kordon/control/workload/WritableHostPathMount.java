package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A container that mounts a hostPath volume must mount it {@code readOnly: true}. */
public final class WritableHostPathMount implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0011")
          .title("Writable hostPath mount")
          .severity(Severity.HIGH)
          .description(
              "A container that can write to a host path can change what the node runs or reads:"
                  + " plant files for other pods or host services, fill the node's disk, or leave"
                  + " a persistent foothold that outlives the pod.")
          .remediation("Set readOnly: true on every volumeMount of a hostPath volume.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("mitre:T1611")
          .peers("kubescape:C-0045")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    Map<String, HostPathVolume> byName = new HashMap<>();
    for (HostPathVolume v : HostPathVolume.of(pod)) {
      byName.putIfAbsent(v.volume(), v);
    }
    if (byName.isEmpty()) {
      return out;
    }
    for (ContainerView c : pod.allContainers()) {
      JsonNode mounts = c.node().path("volumeMounts");
      for (int i = 0; mounts.isArray() && i < mounts.size(); i++) {
        JsonNode mount = mounts.get(i);
        HostPathVolume v = byName.get(mount.path("name").asString(""));
        JsonNode readOnly = mount.path("readOnly");
        if (v == null || (readOnly.isBoolean() && readOnly.booleanValue())) {
          continue;
        }
        out.add(
            INFO.finding(
                pod.object(),
                c.field("volumeMounts", Integer.toString(i)),
                c.describe()
                    + " mounts hostPath volume \""
                    + v.volume()
                    + "\" ("
                    + v.normalised()
                    + ") writable"));
      }
    }
    return out;
  }
}
