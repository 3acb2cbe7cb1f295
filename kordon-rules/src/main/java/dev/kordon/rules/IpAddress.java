package dev.kordon.rules;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IP address as Kubernetes' {@code ip()} accepts it (Go's {@code netip.ParseAddr}): IPv4
 * dotted-quad without leading zeros, or IPv6; no zones, no IPv4-mapped IPv6. Parsed without any
 * name lookup.
 */
record IpAddress(InetAddress address) {

  static IpAddress parse(String text) {
    if (text.indexOf('%') >= 0) {
      throw new IllegalArgumentException("IP address with zone value is not allowed");
    }
    if (text.indexOf(':') < 0 && text.matches(".*(^|\\.)0[0-9].*")) {
      throw new IllegalArgumentException("IP Address \"" + text + "\" parse error");
    }
    if (!InetAddresses.isInetAddress(text)) {
      throw new IllegalArgumentException("IP Address \"" + text + "\" parse error");
    }
    InetAddress address = InetAddresses.forString(text);
    if (text.indexOf(':') >= 0 && address instanceof Inet4Address) {
      throw new IllegalArgumentException(
          "IPv4-mapped IPv6 address \"" + text + "\" is not allowed");
    }
    return new IpAddress(address);
  }

  static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether the text is the canonical form of its address (RFC 5952 for IPv6). */
  static boolean isCanonical(String text) {
    return parse(text).toString().equals(text);
  }

  long family() {
    return address instanceof Inet4Address ? 4 : 6;
  }

  byte[] bytes() {
    return address.getAddress();
  }

  boolean isUnspecified() {
    return address.isAnyLocalAddress();
  }

  boolean isLoopback() {
    return address.isLoopbackAddress();
  }

  boolean isLinkLocalMulticast() {
    byte[] b = bytes();
    if (b.length == 4) {
      return (b[0] & 0xff) == 224 && b[1] == 0 && b[2] == 0;
    }
    return (b[0] & 0xff) == 0xff && (b[1] & 0x0f) == 0x02;
  }

  boolean isLinkLocalUnicast() {
    return address.isLinkLocalAddress();
  }

  /**
   * As Go's {@code IsGlobalUnicast}: not unspecified, loopback, multicast, link-local, broadcast.
   */
  boolean isGlobalUnicast() {
    byte[] b = bytes();
    boolean broadcast = b.length == 4 && b[0] == -1 && b[1] == -1 && b[2] == -1 && b[3] == -1;
    return !broadcast
        && !isUnspecified()
        && !isLoopback()
        && !address.isMulticastAddress()
        && !isLinkLocalUnicast();
  }

  @Override
  public String toString() {
    return InetAddresses.toAddrString(address);
  }
}
