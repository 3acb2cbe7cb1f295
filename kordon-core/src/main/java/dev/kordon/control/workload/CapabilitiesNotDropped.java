package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.pss.OffendingField;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every container should drop ALL capabilities and add back only what it needs. */
public final class CapabilitiesNotDropped implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0016")
          .title("Capabilities not dropped")
          .severity(Severity.LOW)
          .description(
              "A container that does not drop ALL keeps the runtime's default capabilities"
                  + " (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, NET_RAW on some runtimes, and more),"
                  + " which a compromised process can use for privilege escalation or spoofing.")
          .remediation(
              "Add ALL to securityContext.capabilities.drop and list only needed capabilities"
                  + " (usually none, at most NET_BIND_SERVICE) under add.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.2.10", "nsa:capabilities", "pss:restricted/capabilities_restricted")
          .peers("trivy:KSV-0003")
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
      if (!f.path().last().equals("drop")) {
        continue; // added capabilities are the concern of the capability controls
      }
      Optional<ContainerView> c = PodSecurity.container(pod, f.path());
      String who = PodSecurity.who(pod, f.path());
      Optional<Capability> misspelt =
          c.stream()
              .flatMap(container -> Capability.dropped(pod, container).stream())
              .filter(d -> d.name().equals("ALL"))
              .findFirst();
      String message;
      if (misspelt.isPresent()) {
        message =
            who
                + " drops \""
                + misspelt.get().written()
                + "\"; Pod Security and some runtimes honour only the exact name ALL";
      } else if (pod.object().at(f.path()).isArray()) {
        message = who + " drops some capabilities but not ALL";
      } else {
        message = who + " does not drop ALL capabilities";
      }
      out.add(INFO.finding(pod.object(), f.path(), message));
    }
    return out;
  }
}
