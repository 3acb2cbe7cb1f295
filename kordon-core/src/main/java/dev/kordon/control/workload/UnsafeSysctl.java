package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Pods may set only the sysctls that Pod Security baseline (latest) counts as safe: namespaced, and
 * without effect on other pods or the node.
 */
public final class UnsafeSysctl implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0023")
          .title("Unsafe sysctl")
          .severity(Severity.MEDIUM)
          .description(
              "Sysctls outside the safe set either are not namespaced (they change the kernel of"
                  + " the whole node) or let one pod exhaust resources shared with its neighbours;"
                  + " the kubelet refuses them unless an administrator allowed them on the node.")
          .remediation(
              "Remove the sysctl from securityContext.sysctls, or set it on the node and keep the"
                  + " pod on nodes configured for it.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("pss:baseline/sysctls", "mitre:T1611")
          .peers("trivy:KSV-0026")
          .build();

  /** The safe set of pod-security-admission {@code sysctls} at its latest version (1.37). */
  static final Set<String> SAFE =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes",
          "net.ipv4.tcp_rmem",
          "net.ipv4.tcp_wmem",
          "net.ipv4.tcp_slow_start_after_idle",
          "net.ipv4.tcp_notsent_lowat");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    JsonNode sysctls = pod.at("securityContext", "sysctls");
    for (int i = 0; sysctls.isArray() && i < sysctls.size(); i++) {
      JsonPointer name = pod.field("securityContext", "sysctls", Integer.toString(i), "name");
      String value = pod.object().text(name).orElse("");
      if (!SAFE.contains(value)) {
        out.add(
            INFO.finding(
                pod.object(),
                name,
                "pod sets sysctl " + (value.isEmpty() ? "without a name" : value)));
      }
    }
    return out;
  }
}
