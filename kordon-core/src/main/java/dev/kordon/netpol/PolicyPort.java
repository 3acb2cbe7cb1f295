package dev.kordon.netpol;

import java.util.Optional;

/**
 * One entry of a rule's {@code ports}. {@code protocol} omitted means TCP; an unknown protocol is
 * empty and matches nothing. {@code port} omitted means every port of the protocol; a name is
 * resolved against the destination pod's container ports (with the same protocol); {@code endPort}
 * makes an inclusive range.
 */
public record PolicyPort(
    Optional<Protocol> protocol,
    Optional<Integer> number,
    Optional<String> name,
    Optional<Integer> endPort) {

  /** Whether a connection to {@code destination} on this port and protocol matches the entry. */
  public boolean matches(int port, Protocol proto, Endpoint destination) {
    if (protocol.isEmpty() || protocol.get() != proto) {
      return false;
    }
    if (number.isPresent()) {
      int first = number.get();
      int last = endPort.orElse(first);
      return port >= first && port <= Math.max(first, last);
    }
    if (name.isPresent()) {
      if (!(destination instanceof PodGroup)) {
        return false;
      }
      return ((PodGroup) destination)
          .namedPort(name.get(), proto)
          .map(c -> c.port() == port)
          .orElse(false);
    }
    return true;
  }

  /** The entry names a port, so its answer depends on the destination pod. */
  public boolean isNamed() {
    return name.isPresent();
  }

  @Override
  public String toString() {
    String p = protocol.map(Enum::name).orElse("<invalid protocol>");
    if (number.isPresent()) {
      return p + "/" + number.get() + endPort.map(e -> "-" + e).orElse("");
    }
    return name.map(n -> p + "/" + n).orElse(p + "/any");
  }
}
