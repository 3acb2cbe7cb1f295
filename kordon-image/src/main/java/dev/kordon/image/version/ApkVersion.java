package dev.kordon.image.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An Alpine package version, ordered as apk does: numeric components (a later component with a
 * leading zero compares as a decimal fraction), then one optional letter, then suffixes ({@code
 * _alpha < _beta < _pre < _rc <} none {@code < _cvs < _svn < _git < _hg < _p}), then {@code -rN}.
 * Written from apk-tools' documented rules, not from its code.
 */
public record ApkVersion(
    List<String> numbers, char letter, List<Suffix> suffixes, BigInteger revision)
    implements Comparable<ApkVersion> {

  /** Rank of each suffix relative to having none (0). */
  private static final List<String> PRE = List.of("alpha", "beta", "pre", "rc");

  private static final List<String> POST = List.of("cvs", "svn", "git", "hg", "p");

  public static final VersionOrder ORDER = (a, b) -> parse(a).compareTo(parse(b));

  /** One {@code _name[N]} suffix. */
  public record Suffix(String name, BigInteger number) {
    int rank() {
      int pre = PRE.indexOf(name);
      return pre >= 0 ? pre - PRE.size() : POST.indexOf(name) + 1;
    }
  }

  public ApkVersion {
    numbers = List.copyOf(numbers);
    suffixes = List.copyOf(suffixes);
  }

  public static ApkVersion parse(String s) {
    int i = 0;
    int n = s.length();
    List<String> numbers = new ArrayList<>();
    while (true) {
      int start = i;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("not an apk version: " + s);
      }
      numbers.add(s.substring(start, i));
      if (i < n && s.charAt(i) == '.') {
        i++;
        continue;
      }
      break;
    }
    char letter = 0;
    if (i < n && s.charAt(i) >= 'a' && s.charAt(i) <= 'z') {
      letter = s.charAt(i++);
    }
    List<Suffix> suffixes = new ArrayList<>();
    while (i < n && s.charAt(i) == '_') {
      int start = ++i;
      while (i < n && s.charAt(i) >= 'a' && s.charAt(i) <= 'z') {
        i++;
      }
      String name = s.substring(start, i);
      if (!PRE.contains(name) && !POST.contains(name)) {
        throw new IllegalArgumentException("unknown suffix _" + name + " in apk version " + s);
      }
      int digits = i;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
      }
      suffixes.add(
          new Suffix(name, digits == i ? BigInteger.ZERO : new BigInteger(s.substring(digits, i))));
    }
    BigInteger revision = BigInteger.ZERO;
    if (i < n && s.startsWith("-r", i)) {
      int digits = i + 2;
      i = digits;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (digits == i) {
        throw new IllegalArgumentException("empty revision in apk version " + s);
      }
      revision = new BigInteger(s.substring(digits, i));
    }
    if (i != n) {
      throw new IllegalArgumentException("trailing '" + s.substring(i) + "' in apk version " + s);
    }
    return new ApkVersion(numbers, letter, suffixes, revision);
  }

  @Override
  public int compareTo(ApkVersion o) {
    int common = Math.min(numbers.size(), o.numbers.size());
    for (int k = 0; k < common; k++) {
      int c = component(k, numbers.get(k), o.numbers.get(k));
      if (c != 0) {
        return c;
      }
    }
    if (numbers.size() != o.numbers.size()) {
      return numbers.size() > o.numbers.size() ? 1 : -1;
    }
    if (letter != o.letter) {
      return letter < o.letter ? -1 : 1;
    }
    int suffixCount = Math.max(suffixes.size(), o.suffixes.size());
    for (int k = 0; k < suffixCount; k++) {
      int c = compareSuffix(at(suffixes, k), at(o.suffixes, k));
      if (c != 0) {
        return c;
      }
    }
    return Integer.signum(revision.compareTo(o.revision));
  }

  private static Suffix at(List<Suffix> list, int k) {
    return k < list.size() ? list.get(k) : null;
  }

  private static int compareSuffix(Suffix a, Suffix b) {
    int ra = a == null ? 0 : a.rank();
    int rb = b == null ? 0 : b.rank();
    if (ra != rb) {
      return ra < rb ? -1 : 1;
    }
    if (a == null) {
      return 0;
    }
    return Integer.signum(a.number().compareTo(b.number()));
  }

  /** The first component compares as an integer; later ones with a leading zero as fractions. */
  private static int component(int index, String a, String b) {
    if (index > 0 && (a.startsWith("0") || b.startsWith("0"))) {
      return Integer.signum(a.compareTo(b));
    }
    return Integer.signum(new BigInteger(a).compareTo(new BigInteger(b)));
  }
}
