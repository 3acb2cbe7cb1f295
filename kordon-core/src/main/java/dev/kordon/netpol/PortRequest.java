package dev.kordon.netpol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Ports and protocols as a person gives them on a command line, checked and resolved. */
public final class PortRequest {
  private PortRequest() {}

  /**
   * Every port with every protocol, protocols first.
   *
   * @throws IllegalArgumentException naming the bad protocol or port
   */
  public static List<PortProtocol> cross(List<Integer> ports, List<String> protocols) {
    List<PortProtocol> out = new ArrayList<>();
    for (String p : protocols) {
      Protocol proto = protocol(p);
      for (int port : ports) {
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("--ports: out of range 1-65535: " + port);
        }
        out.add(new PortProtocol(port, proto));
      }
    }
    return out;
  }

  /** TCP, UDP or SCTP, in any case. */
  public static Protocol protocol(String word) {
    return Protocol.parseLenient(word)
        .orElseThrow(
            () -> new IllegalArgumentException("unknown protocol " + word + " (TCP, UDP, SCTP)"));
  }

  /**
   * A destination port: a number, or the name of a container port of the destination pod.
   *
   * @throws IllegalArgumentException when out of range, or no such named port
   */
  public static int resolve(String port, Endpoint destination, Protocol protocol) {
    if (!port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit)) {
      int n = Integer.parseInt(port);
      if (n >= 1 && n <= 65535) {
        return n;
      }
      throw new IllegalArgumentException("--port: out of range 1-65535");
    }
    if (destination instanceof PodGroup pod) {
      Optional<ContainerPort> named = pod.namedPort(port, protocol);
      return named
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "--port: "
                          + destination.id()
                          + " has no "
                          + protocol
                          + " container port named "
                          + port))
          .port();
    }
    throw new IllegalArgumentException("--port: a named port needs a pod as TO");
  }

  /**
   * A pod, workload or address of the model.
   *
   * @throws IllegalArgumentException when the text names none
   */
  public static Endpoint endpoint(Reachability reach, String text) {
    return endpoints(reach, text).get(0);
  }

  /**
   * Every pod group the text names, in input order: several when a workload of that name is defined
   * in several files (each copy), or by several kinds.
   *
   * @throws IllegalArgumentException when the text names none
   */
  public static List<Endpoint> endpoints(Reachability reach, String text) {
    List<Endpoint> all = reach.model().resolveAll(text);
    if (all.isEmpty()) {
      throw new IllegalArgumentException(
          text + ": no such pod or workload in the inputs, and no IP address");
    }
    return all;
  }
}
