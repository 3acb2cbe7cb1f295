package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
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
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    if (PodFacts.of(pod).windows()) {
      return out;
    }
    for (ContainerView c : pod.allContainers()) {
      List<Capability> dropped = Capability.dropped(pod, c);
      if (dropped.stream().anyMatch(d -> d.written().equals("ALL"))) {
        continue;
      }
      Optional<Capability> misspelt =
          dropped.stream().filter(d -> d.name().equals("ALL")).findFirst();
      if (misspelt.isPresent()) {
        out.add(
            INFO.finding(
                pod.object(),
                misspelt.get().pointer(),
                c.describe()
                    + " drops \""
                    + misspelt.get().written()
                    + "\"; Pod Security and some runtimes honour only the exact name ALL"));
        continue;
      }
      JsonPointer drop = c.field("securityContext", "capabilities", "drop");
      boolean hasDrop = pod.object().at(drop).isArray();
      out.add(
          INFO.finding(
              pod.object(),
              hasDrop ? drop : c.pointer(),
              c.describe()
                  + (hasDrop
                      ? " drops some capabilities but not ALL"
                      : " does not drop ALL capabilities")));
    }
    return out;
  }
}
