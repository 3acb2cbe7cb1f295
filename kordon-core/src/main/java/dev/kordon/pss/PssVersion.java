package dev.kordon.pss;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy version: {@code v1.<minor>} or {@code latest}. Only major version 1 exists, as in the
 * admission plugin. {@code latest} compares above every numbered version.
 *
 * @param minor the minor version; ignored when {@code latest}
 */
public record PssVersion(int minor, boolean latest) implements Comparable<PssVersion> {

  public static final PssVersion LATEST = new PssVersion(Integer.MAX_VALUE, true);

  private static final Pattern FORM = Pattern.compile("v1\\.(0|[1-9][0-9]{0,8})");

  public PssVersion {
    if (minor < 0) {
      throw new IllegalArgumentException("minor version must not be negative: " + minor);
    }
    if (latest) {
      minor = Integer.MAX_VALUE;
    }
  }

  /** {@code v1.<minor>}. */
  public static PssVersion of(int minor) {
    return new PssVersion(minor, false);
  }

  /**
   * Parses {@code latest} or {@code v1.<n>}.
   *
   * @throws IllegalArgumentException for anything else, naming the accepted forms
   */
  public static PssVersion parse(String text) {
    if (text.equals("latest")) {
      return LATEST;
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid Pod Security version '" + text + "': expected latest or v1.<minor>, e.g. v1.30");
    }
    return of(Integer.parseInt(m.group(1)));
  }

  @Override
  public int compareTo(PssVersion o) {
    return Integer.compare(minor, o.minor);
  }

  public boolean atLeast(PssVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public String toString() {
    return latest ? "latest" : "v1." + minor;
  }
}
