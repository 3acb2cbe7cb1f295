package dev.kordon.pss;

import dev.kordon.model.JsonPointer;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Baseline, {@code seccompProfile_baseline}: the seccomp profile must not be explicitly set to
 * {@code Unconfined}. Until v1.18 the check reads the alpha annotations {@code
 * seccomp.security.alpha.kubernetes.io/pod} and {@code
 * container.seccomp.security.alpha.kubernetes.io/<name>} (allowed: {@code runtime/default}, {@code
 * docker/default}, {@code localhost/*}); from v1.19 it reads only {@code
 * securityContext.seccompProfile.type} of the pod and every container (allowed: unset, {@code
 * RuntimeDefault}, {@code Localhost}).
 */
final class SeccompProfileBaseline {
  private SeccompProfileBaseline() {}

  static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
  static final String CONTAINER_ANNOTATION_PREFIX =
      "container.seccomp.security.alpha.kubernetes.io/";
  static final Set<String> TYPES = Set.of("RuntimeDefault", "Localhost");

  static PssCheck check() {
    return new PssCheck(
        "seccompProfile_baseline",
        PssLevel.BASELINE,
        "seccompProfile",
        List.of(
            VersionedPssCheck.of(0, SeccompProfileBaseline::v1_0),
            VersionedPssCheck.of(19, SeccompProfileBaseline::v1_19)));
  }

  private static boolean validAnnotation(String v) {
    return v.equals("runtime/default") || v.equals("docker/default") || v.startsWith("localhost/");
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    Map<String, String> annotations = pod.podAnnotations();
    String podValue = annotations.get(POD_ANNOTATION);
    if (podValue != null && !validAnnotation(podValue)) {
      out.add(annotationBreach(pod, POD_ANNOTATION, podValue));
    }
    for (ContainerView c : Pods.containers(pod)) {
      String key = CONTAINER_ANNOTATION_PREFIX + c.name();
      String value = annotations.get(key);
      if (value != null && !validAnnotation(value)) {
        out.add(annotationBreach(pod, key, value));
      }
    }
    return out;
  }

  private static OffendingField annotationBreach(PodSpecView pod, String key, String value) {
    return new OffendingField(
        "annotation "
            + key
            + " is "
            + Pods.quote(value)
            + " (allowed: runtime/default, docker/default or localhost/<profile>)",
        pod.podAnnotationPointer(key));
  }

  static List<OffendingField> v1_19(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    explicitlyBad(
        "pod",
        Pods.podSecurityContext(pod).path("seccompProfile"),
        pod.field("securityContext", "seccompProfile", "type"),
        out);
    for (ContainerView c : Pods.containers(pod)) {
      explicitlyBad(
          c.describe(),
          c.securityContext().path("seccompProfile"),
          Pods.securityField(c, "seccompProfile", "type"),
          out);
    }
    return out;
  }

  /** Adds a breach when a seccompProfile is set with a type other than RuntimeDefault/Localhost. */
  static boolean explicitlyBad(
      String who, JsonNode profile, JsonPointer typePointer, List<OffendingField> out) {
    if (!Pods.present(profile)) {
      return false;
    }
    String type = profile.path("type").asString("");
    if (TYPES.contains(type)) {
      return false;
    }
    out.add(
        new OffendingField(
            who
                + " sets securityContext.seccompProfile.type "
                + Pods.quote(type)
                + " (allowed: RuntimeDefault or Localhost)",
            typePointer));
    return true;
  }
}
