package dev.kordon.pss;

import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Baseline, {@code sysctls}: sysctls can disable security mechanisms or affect every container on
 * the host, and must be disallowed except for an allowed "safe" subset, namespaced and isolated
 * from the host. Restricted field: {@code spec.securityContext.sysctls[*].name}. The safe set
 * grows: v1.27 adds {@code net.ipv4.ip_local_reserved_ports}, v1.29 four TCP keepalive and FIN
 * timeout sysctls, v1.32 {@code net.ipv4.tcp_rmem} and {@code tcp_wmem}, v1.37 {@code
 * net.ipv4.tcp_slow_start_after_idle} and {@code tcp_notsent_lowat}.
 */
final class Sysctls {
  private Sysctls() {}

  static final Set<String> SAFE_1_0 =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range");
  static final Set<String> SAFE_1_27 = plus(SAFE_1_0, "net.ipv4.ip_local_reserved_ports");
  static final Set<String> SAFE_1_29 =
      plus(
          SAFE_1_27,
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");
  static final Set<String> SAFE_1_32 = plus(SAFE_1_29, "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
  static final Set<String> SAFE_1_37 =
      plus(SAFE_1_32, "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

  private static Set<String> plus(Set<String> base, String... more) {
    Set<String> all = new TreeSet<>(base);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }

  static PssCheck check() {
    return new PssCheck(
        "sysctls",
        PssLevel.BASELINE,
        "forbidden sysctls",
        List.of(
            VersionedPssCheck.of(0, Sysctls::v1_0),
            VersionedPssCheck.of(27, Sysctls::v1_27),
            VersionedPssCheck.of(29, Sysctls::v1_29),
            VersionedPssCheck.of(32, Sysctls::v1_32),
            VersionedPssCheck.of(37, Sysctls::v1_37)));
  }

  static List<OffendingField> v1_0(PodSpecView pod) {
    return check(pod, SAFE_1_0, "v1.0");
  }

  static List<OffendingField> v1_27(PodSpecView pod) {
    return check(pod, SAFE_1_27, "v1.27");
  }

  static List<OffendingField> v1_29(PodSpecView pod) {
    return check(pod, SAFE_1_29, "v1.29");
  }

  static List<OffendingField> v1_32(PodSpecView pod) {
    return check(pod, SAFE_1_32, "v1.32");
  }

  static List<OffendingField> v1_37(PodSpecView pod) {
    return check(pod, SAFE_1_37, "v1.37");
  }

  private static List<OffendingField> check(PodSpecView pod, Set<String> safe, String since) {
    List<OffendingField> out = new ArrayList<>();
    JsonNode sysctls = Pods.podSecurityContext(pod).path("sysctls");
    for (int i = 0; i < sysctls.size(); i++) {
      String name = sysctls.path(i).path("name").asString("");
      if (!safe.contains(name)) {
        out.add(
            new OffendingField(
                "pod sets sysctl "
                    + Pods.quote(name)
                    + " (allowed: the "
                    + safe.size()
                    + " namespaced safe sysctls of "
                    + since
                    + ", such as net.ipv4.ip_local_port_range)",
                pod.field("securityContext", "sysctls", Integer.toString(i), "name")));
      }
    }
    return out;
  }
}
