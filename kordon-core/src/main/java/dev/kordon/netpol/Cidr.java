package dev.kordon.netpol;

import java.util.Optional;

/**
 * A CIDR block. A block written with host bits set ({@code 10.0.1.1/4}) is kept as written for
 * display and matches the network it masks to, as Go's {@code net.ParseCIDR} (used by the network
 * plugins) reads it. An IPv4 block never contains an IPv6 address and the other way round.
 */
public record Cidr(String text, IpAddress network, int prefix) {

  /** The block a string names, or empty when it is not {@code address/prefix}. */
  public static Optional<Cidr> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    Optional<IpAddress> address = IpAddress.parse(text.substring(0, slash));
    String bits = text.substring(slash + 1);
    if (address.isEmpty()
        || bits.isEmpty()
        || bits.length() > 3
        || !bits.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(bits);
    byte[] raw = address.get().raw();
    if (prefix > raw.length * 8) {
      return Optional.empty();
    }
    return Optional.of(new Cidr(text, new IpAddress(mask(raw, prefix)), prefix));
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return out;
  }

  public boolean contains(IpAddress address) {
    byte[] a = address.raw();
    byte[] n = network.raw();
    if (a.length != n.length) {
      return false;
    }
    for (int i = 0; i < n.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      if (keep == 0) {
        return true;
      }
      int mask = (0xff << (8 - keep)) & 0xff;
      if ((a[i] & mask) != (n[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** {@code 0.0.0.0/0} or {@code ::/0}: every address of its family. */
  public boolean isEverything() {
    return prefix == 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
