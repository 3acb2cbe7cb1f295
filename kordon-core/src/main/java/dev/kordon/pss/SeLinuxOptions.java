package dev.kordon.pss;

import dev.kordon.model.JsonPointer;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Baseline, {@code seLinuxOptions}: setting the SELinux type is restricted, and setting a custom
 * SELinux user or role option is forbidden. Restricted fields: {@code
 * securityContext.seLinuxOptions.{type,user,role}} of the pod and every container. Allowed type:
 * unset, {@code container_t}, {@code container_init_t}, {@code container_kvm_t}, and from v1.31
 * {@code container_engine_t}; user and role: unset or empty.
 */
final class SeLinuxOptions {
  private SeLinuxOptions() {}

  private static final Set<String> TYPES_1_0 =
      Set.of("", "container_t", "container_init_t", "container_kvm_t");
  private static final Set<String> TYPES_1_31 =
      Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  static PssCheck check() {
    return new PssCheck(
        "seLinuxOptions",
        PssLevel.BASELINE,
        "seLinuxOptions",
        List.of(
            VersionedPssCheck.of(0, SeLinuxOptions::v1_0),
            VersionedPssCheck.of(31, SeLinuxOptions::v1_31)));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    return check(pod, TYPES_1_0);
  }

  static List<OffendingField> v1_31(PodSpecView pod) {
    return check(pod, TYPES_1_31);
  }

  private static List<OffendingField> check(PodSpecView pod, Set<String> types) {
    List<OffendingField> out = new ArrayList<>();
    inspect(
        "pod",
        Pods.podSecurityContext(pod).path("seLinuxOptions"),
        pod.field("securityContext", "seLinuxOptions"),
        types,
        out);
    for (ContainerView c : Pods.containers(pod)) {
      inspect(
          c.describe(),
          c.securityContext().path("seLinuxOptions"),
          Pods.securityField(c, "seLinuxOptions"),
          types,
          out);
    }
    return out;
  }

  private static void inspect(
      String who, JsonNode options, JsonPointer at, Set<String> types, List<OffendingField> out) {
    if (!options.isObject()) {
      return;
    }
    String type = options.path("type").asString("");
    if (!types.contains(type)) {
      out.add(
          new OffendingField(
              who
                  + " sets seLinuxOptions.type "
                  + Pods.quote(type)
                  + " (allowed: "
                  + String.join(", ", types.stream().filter(t -> !t.isEmpty()).sorted().toList())
                  + " or unset)",
              at.append("type")));
    }
    for (String field : List.of("user", "role")) {
      String value = options.path(field).asString("");
      if (!value.isEmpty()) {
        out.add(
            new OffendingField(
                who
                    + " sets seLinuxOptions."
                    + field
                    + " "
                    + Pods.quote(value)
                    + " (allowed: unset or empty)",
                at.append(field)));
      }
    }
  }
}
