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
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * No pod or container may switch seccomp off: {@code seccompProfile.type} must be RuntimeDefault or
 * Localhost where set, and the legacy annotations ({@code seccomp.security.alpha.kubernetes.io/
 * pod} and {@code container.seccomp.security.alpha.kubernetes.io/<name>}) runtime/default,
 * docker/default or localhost/*.
 */
public final class SeccompUnconfined implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0019")
          .title("Seccomp disabled")
          .severity(Severity.HIGH)
          .description(
              "An Unconfined seccomp profile deliberately removes the system-call filter the"
                  + " runtime would otherwise apply, exposing the whole kernel interface to the"
                  + " container; Pod Security baseline forbids it.")
          .remediation(
              "Set seccompProfile.type to RuntimeDefault (or Localhost with a reviewed profile)"
                  + " and remove unconfined seccomp annotations.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs(
              "cis:5.7.2",
              "nsa:seccomp",
              "pss:baseline/seccompProfile_baseline",
              "pss:restricted/seccompProfile_restricted",
              "mitre:T1068")
          .peers("kubescape:C-0210", "trivy:KSV-0104")
          .pssChecks("seccompProfile_baseline", "seccompProfile_restricted")
          .build();

  static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
  static final String CONTAINER_ANNOTATION = "container.seccomp.security.alpha.kubernetes.io/";
  private static final Set<String> ALLOWED_ANNOTATIONS =
      Set.of("runtime/default", "docker/default");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    // Pod Security dropped the annotations in 1.19; a node that still honours them would run the
    // container unconfined, so they are reported here beyond the check
    for (Map.Entry<String, String> a : pod.podAnnotations().entrySet()) {
      String key = a.getKey();
      if ((key.equals(POD_ANNOTATION) || key.startsWith(CONTAINER_ANNOTATION))
          && !allowedAnnotation(a.getValue())) {
        out.add(
            INFO.finding(
                pod.object(),
                pod.podAnnotationPointer(key),
                "annotation " + key + " sets seccomp profile " + a.getValue()));
      }
    }
    for (OffendingField f : PodSecurity.offending("seccompProfile_baseline", pod)) {
      JsonNode type = pod.object().at(f.path());
      String what =
          EffectiveSetting.present(type)
              ? " sets securityContext.seccompProfile.type: " + type.asString("")
              : " sets securityContext.seccompProfile without a type";
      out.add(INFO.finding(pod.object(), f.path(), PodSecurity.who(pod, f.path()) + what));
    }
    return out;
  }

  private static boolean allowedAnnotation(String value) {
    return value.isEmpty() || ALLOWED_ANNOTATIONS.contains(value) || value.startsWith("localhost/");
  }
}
