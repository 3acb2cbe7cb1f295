package dev.kordon.netpol;

import dev.kordon.model.JsonPointer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One ingress or egress rule. An empty or missing peer list matches every endpoint; an empty or
 * missing port list matches every port and protocol. A connection matches the rule when it matches
 * one of the peers and one of the ports.
 *
 * @param index the rule's position in {@code spec.ingress} / {@code spec.egress}
 * @param pointer the rule's JSON pointer inside the policy
 */
public record Rule(
    Direction direction, int index, List<Peer> peers, List<PolicyPort> ports, JsonPointer pointer) {

  public Rule {
    peers = List.copyOf(peers);
    ports = List.copyOf(ports);
  }

  public boolean matchesPeer(Endpoint peer, Function<String, Map<String, String>> nsLabels) {
    if (peers.isEmpty()) {
      return true;
    }
    for (Peer p : peers) {
      if (p.matches(peer, nsLabels)) {
        return true;
      }
    }
    return false;
  }

  public boolean matchesPort(int port, Protocol protocol, Endpoint destination) {
    if (ports.isEmpty()) {
      return true;
    }
    for (PolicyPort p : ports) {
      if (p.matches(port, protocol, destination)) {
        return true;
      }
    }
    return false;
  }

  /** Whether any port entry names a port, so that the answer depends on the destination. */
  public boolean hasNamedPort() {
    return ports.stream().anyMatch(PolicyPort::isNamed);
  }

  /** {@code ingress[0]}, as a user reads the rule's place. */
  public String label() {
    return direction.field() + "[" + index + "]";
  }
}
