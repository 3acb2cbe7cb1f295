package dev.kordon.netpol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address as bytes. Only literals are parsed: a host name in an input is never
 * resolved (no DNS lookup can be triggered by a manifest or a flow file).
 */
public record IpAddress(byte[] bytes) {

  private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  public IpAddress {
    bytes = bytes.clone();
  }

  /** The address a literal names, or empty when it is not an IP literal. */
  public static Optional<IpAddress> parse(String text) {
    String s = text.trim();
    boolean v4 = V4.matcher(s).matches();
    if (v4) {
      for (String part : s.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return Optional.empty();
        }
      }
    } else if (!(s.indexOf(':') >= 0 && V6.matcher(s).matches())) {
      return Optional.empty();
    }
    try {
      // a literal by the checks above, so getByName never consults DNS
      return Optional.of(new IpAddress(InetAddress.getByName(s).getAddress()));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  public boolean isV4() {
    return bytes.length == 4;
  }

  byte[] raw() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress && Arrays.equals(bytes, ((IpAddress) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return Arrays.toString(bytes);
    }
  }
}
