package dev.kordon.image.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python package version ordered as PEP 440 says: epoch, release (trailing zeros ignored),
 * pre-release ({@code a < b < rc}), post-release, development release, local label; with the
 * spelling variants PEP 440 normalises ({@code alpha}, {@code c}, {@code -1} as post, ...).
 */
public record Pep440Version(
    BigInteger epoch,
    List<BigInteger> release,
    int prePhase,
    BigInteger preNumber,
    BigInteger post,
    BigInteger dev,
    List<String> local)
    implements Comparable<Pep440Version> {

  public static final VersionOrder ORDER = (a, b) -> parse(a).compareTo(parse(b));

  private static final Pattern FORM =
      Pattern.compile(
          "v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
              + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?"
              + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?"
              + "(?:[-_.]?(dev)[-_.]?(\\d+)?)?"
              + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

  /** Absent pre-release, post or dev parts; compare as PEP 440 places them. */
  private static final int NO_PRE = 3;

  public Pep440Version {
    release = List.copyOf(release);
    local = List.copyOf(local);
  }

  public static Pep440Version parse(String raw) {
    String s = raw.strip().toLowerCase(Locale.ROOT);
    Matcher m = FORM.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PEP 440 version: " + raw);
    }
    BigInteger epoch = m.group(1) == null ? BigInteger.ZERO : new BigInteger(m.group(1));
    List<BigInteger> release = new ArrayList<>();
    for (String part : m.group(2).split("\\.")) {
      release.add(new BigInteger(part));
    }
    while (release.size() > 1 && release.get(release.size() - 1).signum() == 0) {
      release.remove(release.size() - 1);
    }
    int phase = NO_PRE;
    BigInteger preNumber = BigInteger.ZERO;
    if (m.group(3) != null) {
      phase =
          switch (m.group(3)) {
            case "a", "alpha" -> 0;
            case "b", "beta" -> 1;
            default -> 2;
          };
      preNumber = number(m.group(4));
    }
    BigInteger post = null;
    if (m.group(5) != null) {
      post = new BigInteger(m.group(5));
    } else if (m.group(6) != null) {
      post = number(m.group(7));
    }
    BigInteger dev = m.group(8) == null ? null : number(m.group(9));
    List<String> local = m.group(10) == null ? List.of() : List.of(m.group(10).split("[-_.]"));
    return new Pep440Version(epoch, release, phase, preNumber, post, dev, local);
  }

  private static BigInteger number(String s) {
    return s == null ? BigInteger.ZERO : new BigInteger(s);
  }

  @Override
  public int compareTo(Pep440Version o) {
    int c = epoch.compareTo(o.epoch);
    if (c != 0) {
      return Integer.signum(c);
    }
    int n = Math.max(release.size(), o.release.size());
    for (int i = 0; i < n; i++) {
      c = part(release, i).compareTo(part(o.release, i));
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    c = Integer.compare(preKey(), o.preKey());
    if (c != 0) {
      return c;
    }
    if (prePhase != NO_PRE) {
      c = preNumber.compareTo(o.preNumber);
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    c = optional(post, o.post, true);
    if (c != 0) {
      return c;
    }
    c = optional(dev, o.dev, false);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  /** A dev release without pre or post sorts before every pre-release of the same release. */
  private int preKey() {
    if (prePhase == NO_PRE && post == null && dev != null) {
      return -1;
    }
    return prePhase;
  }

  /** Absent post sorts first; absent dev sorts last. */
  private static int optional(BigInteger a, BigInteger b, boolean absentFirst) {
    if (a == null && b == null) {
      return 0;
    }
    if (a == null) {
      return absentFirst ? -1 : 1;
    }
    if (b == null) {
      return absentFirst ? 1 : -1;
    }
    return Integer.signum(a.compareTo(b));
  }

  private static BigInteger part(List<BigInteger> list, int i) {
    return i < list.size() ? list.get(i) : BigInteger.ZERO;
  }

  /** Numeric segments beat alphanumeric ones; a longer local label wins on a common prefix. */
  private static int compareLocal(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xn = x.chars().allMatch(Character::isDigit);
      boolean yn = y.chars().allMatch(Character::isDigit);
      int c;
      if (xn && yn) {
        c = new BigInteger(x).compareTo(new BigInteger(y));
      } else if (xn != yn) {
        c = xn ? 1 : -1;
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
