package dev.kordon.pss;

import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Restricted, {@code seccompProfile_restricted} (from v1.19, replacing {@code
 * seccompProfile_baseline}): the seccomp profile must be explicitly set to {@code RuntimeDefault}
 * or {@code Localhost}, at pod level or on every container. From v1.25 Windows pods ({@code
 * spec.os.name: windows}) are exempt, since seccomp does not exist there.
 */
final class SeccompProfileRestricted {
  private SeccompProfileRestricted() {}

  static PssCheck check() {
    return new PssCheck(
        "seccompProfile_restricted",
        PssLevel.RESTRICTED,
        "seccompProfile",
        List.of(
            VersionedPssCheck.of(19, SeccompProfileRestricted::v1_19, "seccompProfile_baseline"),
            VersionedPssCheck.of(25, SeccompProfileRestricted::v1_25, "seccompProfile_baseline")));
  }

  static List<OffendingField> v1_19(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    JsonNode podProfile = Pods.podSecurityContext(pod).path("seccompProfile");
    boolean podBad =
        SeccompProfileBaseline.explicitlyBad(
            "pod", podProfile, pod.field("securityContext", "seccompProfile", "type"), out);
    boolean podSet = Pods.present(podProfile) && !podBad;
    for (ContainerView c : Pods.containers(pod)) {
      JsonNode profile = c.securityContext().path("seccompProfile");
      if (Pods.present(profile)) {
        SeccompProfileBaseline.explicitlyBad(
            c.describe(), profile, Pods.securityField(c, "seccompProfile", "type"), out);
      } else if (!podSet) {
        out.add(
            new OffendingField(
                c.describe()
                    + " has no seccompProfile and the pod sets none (required:"
                    + " securityContext.seccompProfile.type RuntimeDefault or Localhost on the pod"
                    + " or the container)",
                Pods.securityField(c, "seccompProfile", "type")));
      }
    }
    return out;
  }

  static List<OffendingField> v1_25(PodSpecView pod) {
    return Pods.isWindows(pod) ? List.of() : v1_19(pod);
  }
}
