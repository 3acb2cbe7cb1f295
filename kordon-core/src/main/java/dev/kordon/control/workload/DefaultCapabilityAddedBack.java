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
 * Under Pod Security restricted a container may add back only NET_BIND_SERVICE. Capabilities
 * outside the runtime's default set are reported by the baseline-level controls ({@link
 * NodeTakeoverCapability}, {@link DangerousCapability}, {@link NonDefaultCapability}); this one
 * reports the default ones (CHOWN, SETUID, ...) that restricted also forbids. Other spellings of
 * them ({@code chown}, {@code CAP_CHOWN}) are outside the baseline set and left to {@link
 * NonDefaultCapability}.
 */
public final class DefaultCapabilityAddedBack implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0029")
          .title("Default capability added back")
          .severity(Severity.LOW)
          .description(
              "Dropping ALL and then adding back CHOWN, DAC_OVERRIDE, SETUID or another default"
                  + " capability restores exactly the powers an intruder uses to change file"
                  + " ownership, bypass permissions or switch users; Pod Security restricted"
                  + " allows only NET_BIND_SERVICE.")
          .remediation(
              "Remove the capability from capabilities.add; keep at most NET_BIND_SERVICE, or run"
                  + " on a port above 1024 and add nothing.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.2.10", "nsa:capabilities", "pss:restricted/capabilities_restricted")
          .peers("trivy:KSV-0106")
          .pssChecks("capabilities_restricted")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("capabilities_restricted", pod)) {
      JsonNode entry = pod.object().at(f.path());
      // the other added capabilities are outside the default set: the baseline controls' concern
      if (f.path().parent().last().equals("add")
          && entry.isString()
          && Capability.BASELINE_DEFAULTS.contains(entry.stringValue())) {
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
