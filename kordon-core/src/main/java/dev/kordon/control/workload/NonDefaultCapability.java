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
import tools.jackson.databind.JsonNode;

/**
 * Containers should add no capability beyond the runtime's default set, spelt exactly as Pod
 * Security baseline lists it ({@code chown} and {@code CAP_CHOWN} are outside the set for it). The
 * capabilities that {@link NodeTakeoverCapability} and {@link DangerousCapability} report, in any
 * spelling, are left to them, so that each added capability is reported once, at the severity it
 * deserves.
 */
public final class NonDefaultCapability implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0015")
          .title("Capability outside the default set added")
          .severity(Severity.MEDIUM)
          .description(
              "Pod Security baseline allows a container to add back only the capabilities a"
                  + " container runtime grants by default. Anything else (IPC_LOCK, SYS_NICE,"
                  + " SYS_RESOURCE, LINUX_IMMUTABLE, misspelt names) widens the kernel interface"
                  + " the container can use and is rejected by a baseline namespace.")
          .remediation(
              "Remove the capability from capabilities.add, or justify it in an exception.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs(
              "cis:5.2.9",
              "nsa:capabilities",
              "pss:baseline/capabilities_baseline",
              "pss:restricted/capabilities_restricted")
          .peers("trivy:KSV-0022")
          .pssChecks("capabilities_baseline", "capabilities_restricted")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("capabilities_baseline", pod)) {
      JsonNode entry = pod.object().at(f.path());
      String written = entry.isValueNode() ? entry.asString("") : entry.toString();
      String name = Capability.normalise(written);
      if (entry.isString()
          && (NodeTakeoverCapability.NAMES.contains(name)
              || DangerousCapability.NAMES.contains(name))) {
        continue;
      }
      String note =
          entry.isString() && Capability.BASELINE_DEFAULTS.contains(name)
              ? " (Pod Security accepts only the exact name " + name + ")"
              : "";
      out.add(
          INFO.finding(
              pod.object(),
              f.path(),
              PodSecurity.who(pod, f.path()) + " adds capability " + written + note));
    }
    return out;
  }
}
