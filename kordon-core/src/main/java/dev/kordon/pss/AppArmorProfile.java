package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Baseline, {@code appArmorProfile}: on supported hosts the RuntimeDefault profile applies by
 * default; overriding or disabling it must be prevented. Restricted fields: {@code
 * securityContext.appArmorProfile.type} of the pod and every container (allowed: unset, {@code
 * RuntimeDefault}, {@code Localhost}) and the annotations {@code
 * container.apparmor.security.beta.kubernetes.io/*} (allowed: unset, empty, {@code
 * runtime/default}, {@code localhost/*}).
 */
final class AppArmorProfile {
  private AppArmorProfile() {}

  static final String ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
  private static final Set<String> TYPES = Set.of("RuntimeDefault", "Localhost");
  private static final String ALLOWED_TYPES = "(allowed: RuntimeDefault, Localhost or unset)";

  static PssCheck check() {
    return new PssCheck(
        "appArmorProfile",
        PssLevel.BASELINE,
        "forbidden AppArmor profiles",
        List.of(VersionedPssCheck.of(0, AppArmorProfile::v1_0)));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    JsonNode podProfile = Pods.podSecurityContext(pod).path("appArmorProfile");
    if (Pods.present(podProfile) && !TYPES.contains(podProfile.path("type").asString(""))) {
      out.add(
          new OffendingField(
              "pod sets securityContext.appArmorProfile.type "
                  + Pods.quote(podProfile.path("type").asString(""))
                  + " "
                  + ALLOWED_TYPES,
              Pods.podSecurityField(pod, "appArmorProfile", "type")));
    }
    for (ContainerView c : Pods.containers(pod)) {
      JsonNode profile = c.securityContext().path("appArmorProfile");
      if (Pods.present(profile) && !TYPES.contains(profile.path("type").asString(""))) {
        out.add(
            new OffendingField(
                c.describe()
                    + " sets securityContext.appArmorProfile.type "
                    + Pods.quote(profile.path("type").asString(""))
                    + " "
                    + ALLOWED_TYPES,
                Pods.securityField(c, "appArmorProfile", "type")));
      }
    }
    Map<String, String> sorted = new TreeMap<>(pod.podAnnotations());
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      String value = e.getValue();
      if (e.getKey().startsWith(ANNOTATION_PREFIX)
          && !(value.isEmpty()
              || value.equals("runtime/default")
              || value.startsWith("localhost/"))) {
        out.add(
            new OffendingField(
                "annotation "
                    + e.getKey()
                    + " is "
                    + Pods.quote(value)
                    + " (allowed: runtime/default or localhost/<profile>)",
                pod.podAnnotationPointer(e.getKey())));
      }
    }
    return out;
  }
}
