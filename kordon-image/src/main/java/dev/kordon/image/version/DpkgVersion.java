package dev.kordon.image.version;

/**
 * Debian's version order, as dpkg defines it (deb-version(7)): epoch, then upstream version and
 * revision each compared by alternating non-digit runs (letters sort before non-letters, {@code ~}
 * before everything, even the end) and digit runs (numerically). Written from the manual page: the
 * library candidate (versatile 0.7.0) fails on equal versions with an epoch.
 */
public final class DpkgVersion {
  private DpkgVersion() {}

  public static final VersionOrder ORDER = DpkgVersion::compare;

  public static int compare(String a, String b) {
    String[] x = split(a);
    String[] y = split(b);
    int c = compareEpoch(x[0], y[0]);
    if (c != 0) {
      return c;
    }
    c = part(x[1], y[1]);
    if (c != 0) {
      return c;
    }
    return part(x[2], y[2]);
  }

  /** epoch, upstream, revision ("0" when absent). */
  private static String[] split(String v) {
    String s = v.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty Debian version");
    }
    String epoch = "0";
    int colon = s.indexOf(':');
    if (colon >= 0) {
      epoch = s.substring(0, colon);
      s = s.substring(colon + 1);
      if (epoch.isEmpty() || !epoch.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("bad epoch in Debian version " + v);
      }
    }
    String revision = "0";
    int dash = s.lastIndexOf('-');
    if (dash >= 0) {
      revision = s.substring(dash + 1);
      s = s.substring(0, dash);
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty upstream version in " + v);
    }
    return new String[] {epoch, s, revision};
  }

  private static int compareEpoch(String a, String b) {
    return Integer.signum(new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)));
  }

  /** The weight of one character in a non-digit run. */
  private static int order(String s, int i) {
    if (i >= s.length()) {
      return 0;
    }
    char c = s.charAt(i);
    if (Character.isDigit(c)) {
      return 0;
    }
    if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  private static int part(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      int firstDiff = 0;
      while ((i < a.length() && !Character.isDigit(a.charAt(i)))
          || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
        int ac = order(a, i);
        int bc = order(b, j);
        if (ac != bc) {
          return ac < bc ? -1 : 1;
        }
        i++;
        j++;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      while (i < a.length()
          && Character.isDigit(a.charAt(i))
          && j < b.length()
          && Character.isDigit(b.charAt(j))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < a.length() && Character.isDigit(a.charAt(i))) {
        return 1;
      }
      if (j < b.length() && Character.isDigit(b.charAt(j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff < 0 ? -1 : 1;
      }
    }
    return 0;
  }
}
