package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Restricted, {@code runAsNonRoot}: containers must be required to run as non-root users.
 * Restricted fields: {@code securityContext.runAsNonRoot} of the pod and every container; required:
 * {@code true} on the pod, or on every container that does not inherit it; {@code false} is
 * forbidden anywhere. From v1.35 a pod in its own user namespace ({@code hostUsers: false}) is
 * exempt: its root is not the node's root.
 */
final class RunAsNonRoot {
  private RunAsNonRoot() {}

  static PssCheck check() {
    return new PssCheck(
        "runAsNonRoot",
        PssLevel.RESTRICTED,
        "runAsNonRoot != true",
        List.of(
            VersionedPssCheck.of(0, RunAsNonRoot::v1_0),
            VersionedPssCheck.of(35, RunAsNonRoot::v1_35)));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    JsonNode podValue = Pods.podSecurityContext(pod).path("runAsNonRoot");
    if (Pods.isFalse(podValue)) {
      out.add(
          new OffendingField(
              "pod sets securityContext.runAsNonRoot: false (required: true)",
              pod.field("securityContext", "runAsNonRoot")));
    }
    boolean podNonRoot = Pods.isTrue(podValue);
    for (ContainerView c : Pods.containers(pod)) {
      JsonNode value = c.securityContext().path("runAsNonRoot");
      if (Pods.present(value)) {
        if (Pods.isFalse(value)) {
          out.add(
              new OffendingField(
                  c.describe() + " sets securityContext.runAsNonRoot: false (required: true)",
                  Pods.securityField(c, "runAsNonRoot")));
        }
      } else if (!podNonRoot) {
        out.add(
            new OffendingField(
                c.describe()
                    + " leaves securityContext.runAsNonRoot unset and the pod does not set it"
                    + " (required: true on the pod or the container)",
                Pods.securityField(c, "runAsNonRoot")));
      }
    }
    return out;
  }

  static List<OffendingField> v1_35(PodSpecView pod) {
    return Pods.ownUserNamespace(pod) ? List.of() : v1_0(pod);
  }
}
