package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.pss.OffendingField;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * No pod or container may run outside AppArmor: the field {@code appArmorProfile.type} must be
 * RuntimeDefault or Localhost where set, and the annotation {@code
 * container.apparmor.security.beta.kubernetes.io/<container>} runtime/default or localhost/*.
 */
public final class AppArmorUnconfined implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0020")
          .title("AppArmor disabled")
          .severity(Severity.MEDIUM)
          .description(
              "An unconfined AppArmor profile removes the mandatory access control the runtime"
                  + " applies by default, which blocks mounts, writes to /proc and /sys and raw"
                  + " access to kernel interfaces; Pod Security baseline forbids it.")
          .remediation(
              "Set appArmorProfile.type to RuntimeDefault (or Localhost with a loaded profile)"
                  + " and remove unconfined AppArmor annotations.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:seccomp", "pss:baseline/appArmorProfile", "mitre:T1068")
          .peers("trivy:KSV-0002")
          .pssChecks("appArmorProfile")
          .build();

  static final String ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    Map<JsonPointer, String> annotations = new HashMap<>();
    for (String key : pod.podAnnotations().keySet()) {
      annotations.put(pod.podAnnotationPointer(key), key);
    }
    for (OffendingField f : PodSecurity.offending("appArmorProfile", pod)) {
      String key = annotations.get(f.path());
      String message;
      if (key != null) {
        message =
            "annotation "
                + key
                + " sets AppArmor profile "
                + pod.podAnnotations().get(key)
                + " for container \""
                + key.substring(ANNOTATION.length())
                + "\"";
      } else {
        JsonNode type = pod.object().at(f.path());
        message =
            PodSecurity.who(pod, f.path())
                + (EffectiveSetting.present(type)
                    ? " sets securityContext.appArmorProfile.type: " + type.asString("")
                    : " sets securityContext.appArmorProfile without a type");
      }
      out.add(INFO.finding(pod.object(), f.path(), message));
    }
    return out;
  }
}
