package dev.kordon.netpol;

/**
 * One observed connection, as a flow log writes it.
 *
 * @param source {@code ns/pod} or an IP address
 * @param destination {@code ns/pod} or an IP address
 * @param line where it was read (1-based)
 */
public record Flow(String source, String destination, int port, Protocol protocol, int line) {}
