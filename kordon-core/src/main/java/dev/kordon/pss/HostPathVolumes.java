package dev.kordon.pss;

import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Baseline, {@code hostPathVolumes}: HostPath volumes must be forbidden. Restricted field: {@code
 * spec.volumes[*].hostPath}; allowed: unset.
 */
final class HostPathVolumes {
  private HostPathVolumes() {}

  static PssCheck check() {
    return new PssCheck(
        "hostPathVolumes",
        PssLevel.BASELINE,
        "hostPath volumes",
        List.of(VersionedPssCheck.of(0, HostPathVolumes::v1_0)));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    JsonNode volumes = pod.at("volumes");
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode v = volumes.path(i);
      if (Pods.present(v.path("hostPath"))) {
        out.add(
            new OffendingField(
                "volume "
                    + Pods.quote(v.path("name").asString(""))
                    + " is a hostPath volume (allowed: no hostPath; use emptyDir, a ConfigMap or a"
                    + " PersistentVolumeClaim)",
                pod.field("volumes", Integer.toString(i), "hostPath")));
      }
    }
    return out;
  }
}
