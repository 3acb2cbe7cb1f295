package dev.kordon.rules;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A CIDR as Kubernetes' {@code cidr()} accepts it (Go's {@code netip.ParsePrefix}): an address and
 * a prefix length; host bits may be set ({@link #masked()} clears them).
 */
record Cidr(IpAddress ip, int prefixLength) {

  static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "network address parse error during conversion from string");
    }
    IpAddress ip = IpAddress.parse(text.substring(0, slash));
    String bits = text.substring(slash + 1);
    if (!bits.matches("0|[1-9][0-9]{0,2}")) {
      throw new IllegalArgumentException(
          "network address parse error during conversion from string");
    }
    int prefix = Integer.parseInt(bits);
    if (prefix > ip.bytes().length * 8) {
      throw new IllegalArgumentException(
          "network address parse error during conversion from string");
    }
    return new Cidr(ip, prefix);
  }

  static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  Cidr masked() {
    byte[] b = ip.bytes();
    int bits = b.length * 8;
    BigInteger value = new BigInteger(1, b);
    BigInteger mask =
        BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefixLength).not();
    byte[] raw = value.and(mask).toByteArray();
    byte[] out = new byte[b.length];
    int copy = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
    try {
      return new Cidr(new IpAddress(InetAddress.getByAddress(out)), prefixLength);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean containsIp(IpAddress other) {
    if (other.family() != ip.family()) {
      return false;
    }
    return new Cidr(other, prefixLength).masked().ip().equals(masked().ip());
  }

  boolean containsCidr(Cidr other) {
    return other.prefixLength >= prefixLength && containsIp(other.ip);
  }

  @Override
  public String toString() {
    return ip + "/" + prefixLength;
  }
}
