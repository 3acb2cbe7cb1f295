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
import java.util.Map;
import java.util.Set;

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
          .build();

  static final String ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";
  private static final Set<String> ALLOWED_TYPES = Set.of("RuntimeDefault", "Localhost");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, String> a : pod.podAnnotations().entrySet()) {
      String value = a.getValue();
      if (a.getKey().startsWith(ANNOTATION)
          && !value.isEmpty()
          && !value.equals("runtime/default")
          && !value.startsWith("localhost/")) {
        out.add(
            INFO.finding(
                pod.object(),
                pod.podAnnotationPointer(a.getKey()),
                "annotation "
                    + a.getKey()
                    + " sets AppArmor profile "
                    + value
                    + " for container \""
                    + a.getKey().substring(ANNOTATION.length())
                    + "\""));
      }
    }
    check(pod, pod.field("securityContext", "appArmorProfile", "type"), "pod", out);
    for (ContainerView c : pod.allContainers()) {
      check(pod, c.field("securityContext", "appArmorProfile", "type"), c.describe(), out);
    }
    return out;
  }

  private static void check(PodSpecView pod, JsonPointer type, String who, List<Finding> out) {
    pod.object()
        .text(type)
        .filter(t -> !ALLOWED_TYPES.contains(t))
        .ifPresent(
            t ->
                out.add(
                    INFO.finding(
                        pod.object(),
                        type,
                        who + " sets securityContext.appArmorProfile.type: " + t)));
  }
}
