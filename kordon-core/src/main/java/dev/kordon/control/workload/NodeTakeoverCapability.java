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
 * Containers must not add a capability that is enough on its own to take over the node. Names are
 * compared case-insensitively, with or without the {@code CAP_} prefix.
 */
public final class NodeTakeoverCapability implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0013")
          .title("Node-takeover capability added")
          .severity(Severity.CRITICAL)
          .description(
              "Some capabilities are root on the node by themselves: SYS_ADMIN mounts file systems"
                  + " and escapes through cgroups, SYS_MODULE loads kernel code, SYS_RAWIO reads"
                  + " physical memory and raw disks, DAC_READ_SEARCH opens host files by handle"
                  + " (the 'shocker' escape), and ALL grants every one of them.")
          .remediation(
              "Remove the capability from capabilities.add; grant the narrow capability the"
                  + " workload needs instead, or move the task to a dedicated node agent.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs(
              "cis:5.2.9",
              "nsa:capabilities",
              "pss:baseline/capabilities_baseline",
              "pss:restricted/capabilities_restricted",
              "mitre:T1611")
          .peers("kubescape:C-0046", "trivy:KSV-0005", "trivy:KSV-0120", "trivy:KSV-0022")
          .pssChecks("capabilities_baseline", "capabilities_restricted")
          .build();

  static final Set<String> NAMES =
      Set.of("ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "DAC_READ_SEARCH");

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
