package dev.kordon.pss;

import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;

/**
 * Baseline, {@code hostNamespaces}: sharing the host namespaces must be disallowed. Restricted
 * fields: {@code spec.hostNetwork}, {@code spec.hostPID}, {@code spec.hostIPC}; allowed: unset or
 * {@code false}.
 */
final class HostNamespaces {
  private HostNamespaces() {}

  static PssCheck check() {
    return new PssCheck(
        "hostNamespaces",
        PssLevel.BASELINE,
        "host namespaces",
        List.of(VersionedPssCheck.of(0, HostNamespaces::v1_0)));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    List<OffendingField> out = new ArrayList<>();
    for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (Pods.isTrue(pod.at(field))) {
        out.add(
            new OffendingField(
                "pod sets " + field + ": true (allowed: false or unset)", pod.field(field)));
      }
    }
    return out;
  }
}
