package dev.kordon.control.workload;

import dev.kordon.model.JsonPointer;
import dev.kordon.pss.PssChecks;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One entry of a container's {@code capabilities.add} or {@code drop} list. Runtimes accept {@code
 * sys_admin}, {@code SYS_ADMIN} and {@code CAP_SYS_ADMIN} alike, so the name is normalised: upper
 * case, without the {@code CAP_} prefix.
 *
 * @param name the normalised name, e.g. {@code SYS_ADMIN}
 * @param written the entry as written, for messages
 * @param pointer the entry's pointer
 */
record Capability(String name, String written, JsonPointer pointer) {

  /**
   * The capabilities a container runtime grants by default, which Pod Security baseline allows a
   * container to add back (pod-security-admission {@code capabilities_baseline}).
   */
  static final Set<String> BASELINE_DEFAULTS = PssChecks.baselineCapabilities();

  static String normalise(String raw) {
    String upper = raw.trim().toUpperCase(Locale.ROOT);
    return upper.startsWith("CAP_") ? upper.substring(4) : upper;
  }

  /** The entries of {@code capabilities.add}, skipping anything that is not a string. */
  static List<Capability> added(PodSpecView pod, ContainerView c) {
    return list(pod, c.field("securityContext", "capabilities", "add"));
  }

  /** The entries of {@code capabilities.drop}, skipping anything that is not a string. */
  static List<Capability> dropped(PodSpecView pod, ContainerView c) {
    return list(pod, c.field("securityContext", "capabilities", "drop"));
  }

  private static List<Capability> list(PodSpecView pod, JsonPointer listPointer) {
    JsonNode list = pod.object().at(listPointer);
    List<Capability> out = new ArrayList<>();
    if (!list.isArray()) {
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      if (entry.isString()) {
        out.add(
            new Capability(
                normalise(entry.stringValue()), entry.stringValue(), listPointer.append(i)));
      }
    }
    return out;
  }
}
