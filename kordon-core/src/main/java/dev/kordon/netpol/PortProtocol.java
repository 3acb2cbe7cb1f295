package dev.kordon.netpol;

/** A destination port and protocol a question is asked for. */
public record PortProtocol(int port, Protocol protocol) {
  public PortProtocol {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535: " + port);
    }
  }

  @Override
  public String toString() {
    return port + "/" + protocol;
  }
}
