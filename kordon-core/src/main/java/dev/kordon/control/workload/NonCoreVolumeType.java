package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Pod volumes should use the core, node-independent sources that Pod Security restricted allows.
 * hostPath is left to {@link HostPathMounted}, which already reports it at a higher severity.
 */
public final class NonCoreVolumeType implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0027")
          .title("Volume type outside the restricted set")
          .severity(Severity.LOW)
          .description(
              "Inline volume sources such as nfs, iscsi, rbd, cephfs, flexVolume or gitRepo make"
                  + " the kubelet mount network storage or run plugins on the node with"
                  + " credentials and options chosen by the pod author; gitRepo has let pods run"
                  + " commands on the node (CVE-2024-10220).")
          .remediation(
              "Use a PersistentVolumeClaim, CSI, configMap, secret, downwardAPI, emptyDir,"
                  + " ephemeral, image or projected volume instead.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("pss:restricted/restrictedVolumes")
          .peers("trivy:KSV-0028")
          .build();

  static final Set<String> ALLOWED =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "image",
          "persistentVolumeClaim",
          "projected",
          "secret");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    JsonNode volumes = pod.at("volumes");
    for (int i = 0; volumes.isArray() && i < volumes.size(); i++) {
      JsonNode volume = volumes.get(i);
      if (!volume.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> field : volume.properties()) {
        String type = field.getKey();
        if (type.equals("name")
            || type.equals("hostPath")
            || ALLOWED.contains(type)
            || field.getValue().isNull()) {
          continue;
        }
        out.add(
            INFO.finding(
                pod.object(),
                pod.field("volumes", Integer.toString(i), type),
                "volume \"" + volume.path("name").asString("") + "\" uses volume type " + type));
      }
    }
    return out;
  }
}
