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

/**
 * Containers sharing the node's user namespace must keep the default masked /proc: {@code
 * procMount} unset or {@code Default}. In a pod with its own user namespace ({@code hostUsers:
 * false}) the same setting is {@link UnmaskedProcMountInUserNamespace}'s, at a lower severity.
 */
public final class UnmaskedProcMount implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0022")
          .title("Unmasked /proc mount")
          .severity(Severity.HIGH)
          .description(
              "The runtime masks and makes read-only the parts of /proc and /sys that reach the"
                  + " node's kernel (/proc/kcore, /proc/sysrq-trigger, /proc/sys). procMount:"
                  + " Unmasked removes those masks, handing the container kernel memory, kernel"
                  + " tunables and a sysrq trigger for the whole node.")
          .remediation("Remove securityContext.procMount or set it to Default.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("pss:baseline/procMount", "pss:restricted/procMount_restricted", "mitre:T1611")
          .peers("trivy:KSV-0027")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    if (PodFacts.of(pod).ownUserNamespace()) {
      return out;
    }
    report(pod, INFO, "", out);
    return out;
  }

  /** Adds a finding for every container whose procMount is set to anything but Default. */
  static void report(PodSpecView pod, ControlInfo info, String note, List<Finding> out) {
    for (ContainerView c : pod.allContainers()) {
      JsonPointer field = c.field("securityContext", "procMount");
      pod.object()
          .text(field)
          .filter(v -> !v.isEmpty() && !v.equals("Default"))
          .ifPresent(
              v ->
                  out.add(
                      info.finding(
                          pod.object(),
                          field,
                          c.describe() + " sets securityContext.procMount: " + v + note)));
    }
  }
}
