package dev.kordon.netpol;

import java.util.Optional;

/** One end of a connection: a pod (or a workload's pod group) of the cluster, or an address. */
public sealed interface Endpoint permits PodGroup, Endpoint.External {

  /** How the endpoint is written: {@code ns/pod} or {@code ip:10.0.0.1}. */
  String id();

  Optional<IpAddress> address();

  /** An address that belongs to no pod: a client or server outside the cluster. */
  record External(IpAddress ip) implements Endpoint {
    @Override
    public String id() {
      return "ip:" + ip;
    }

    @Override
    public Optional<IpAddress> address() {
      return Optional.of(ip);
    }
  }
}
