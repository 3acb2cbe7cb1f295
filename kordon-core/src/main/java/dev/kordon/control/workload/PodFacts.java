package dev.kordon.control.workload;

import dev.kordon.snapshot.PodSpecView;
import tools.jackson.databind.JsonNode;

/**
 * Facts about a whole pod that change what several controls demand.
 *
 * @param windows the pod declares {@code spec.os.name: windows}; Pod Security (1.25+) exempts such
 *     pods from the Linux-only restricted checks, and the API rejects Linux-only fields on them
 * @param ownUserNamespace the pod sets {@code hostUsers: false}: UID 0 inside maps to an
 *     unprivileged UID on the node, so Pod Security (1.35+) no longer treats it as root
 */
record PodFacts(boolean windows, boolean ownUserNamespace) {

  static PodFacts of(PodSpecView pod) {
    JsonNode hostUsers = pod.at("hostUsers");
    return new PodFacts(
        pod.at("os", "name").asString("").equals("windows"),
        hostUsers.isBoolean() && !hostUsers.booleanValue());
  }
}
