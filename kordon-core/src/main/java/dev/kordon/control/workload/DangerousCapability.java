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
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Containers should not add capabilities that act on the node's kernel, network or other processes.
 * Names are compared case-insensitively, with or without the {@code CAP_} prefix.
 */
public final class DangerousCapability implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0014")
          .title("Dangerous capability added")
          .severity(Severity.HIGH)
          .description(
              "These capabilities reach beyond the container: NET_ADMIN and NET_RAW reconfigure or"
                  + " spoof traffic on the pod network, SYS_PTRACE inspects other processes, BPF"
                  + " and PERFMON load kernel programs and read kernel memory, SYS_BOOT reboots or"
                  + " replaces the kernel, SYS_TIME sets the node's clock, MAC_ADMIN and"
                  + " MAC_OVERRIDE switch off AppArmor or SELinux, SYSLOG reads kernel addresses.")
          .remediation(
              "Remove the capability from capabilities.add, or run the task that needs it in a"
                  + " separate, tightly scoped workload.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs(
              "cis:5.2.8",
              "cis:5.2.9",
              "nsa:capabilities",
              "pss:baseline/capabilities_baseline",
              "pss:restricted/capabilities_restricted",
              "mitre:T1611",
              "mitre:T1557")
          .peers("kubescape:C-0046", "trivy:KSV-0119", "trivy:KSV-0022")
          .pssChecks("capabilities_baseline", "capabilities_restricted")
          .build();

  static final Set<String> NAMES =
      Set.of(
          "NET_ADMIN",
          "NET_RAW",
          "SYS_PTRACE",
          "BPF",
          "PERFMON",
          "SYS_BOOT",
          "SYS_TIME",
          "MAC_ADMIN",
          "MAC_OVERRIDE",
          "SYSLOG");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("capabilities_baseline", pod)) {
      JsonNode entry = pod.object().at(f.path());
      if (entry.isString() && NAMES.contains(Capability.normalise(entry.stringValue()))) {
        out.add(
            INFO.finding(
                pod.object(),
                f.path(),
                PodSecurity.who(pod, f.path()) + " adds capability " + entry.stringValue()));
      }
    }
    return out;
  }
}
