package dev.kordon.pss;

import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Restricted, {@code restrictedVolumes} (replacing {@code hostPathVolumes}): the restricted policy
 * only permits the volume types configMap, csi, downwardAPI, emptyDir, ephemeral,
 * persistentVolumeClaim, projected and secret. A volume of any other type, including one the check
 * does not know, is forbidden. A volume with no source at all is allowed: the API server defaults
 * it to emptyDir.
 */
final class RestrictedVolumes {
  private RestrictedVolumes() {}

  static final List<String> ALLOWED =
      List.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  static PssCheck check() {
    return new PssCheck(
        "restrictedVolumes",
        PssLevel.RESTRICTED,
        "restricted volume types",
        List.of(VersionedPssCheck.of(0, RestrictedVolumes::v1_0, "hostPathVolumes")));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    JsonNode volumes = pod.at("volumes");
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode v = volumes.path(i);
      if (ALLOWED.stream().anyMatch(t -> Pods.present(v.path(t)))) {
        continue;
      }
      String type = "";
      // only a name: the API server defaults the source to emptyDir
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        if (!e.getKey().equals("name") && Pods.present(e.getValue())) {
          type = e.getKey();
          break;
        }
      }
      if (type.isEmpty()) {
        continue;
      }
      out.add(
          new OffendingField(
              "volume "
                  + Pods.quote(v.path("name").asString(""))
                  + " is of type "
                  + type
                  + " (allowed: "
                  + String.join(", ", ALLOWED)
                  + ")",
              pod.field("volumes", Integer.toString(i), type)));
    }
    return out;
  }
}
