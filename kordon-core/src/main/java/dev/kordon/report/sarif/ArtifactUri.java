package dev.kordon.report.sarif;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A file name as a SARIF artifact URI (RFC 3986): a relative reference for relative paths, so that
 * GitHub resolves it against the repository root, and a {@code file:} URI for absolute ones. Every
 * byte outside the unreserved set is percent-encoded, so that spaces, {@code #}, {@code %} and
 * non-ASCII names survive.
 *
 * @param uri the escaped reference
 * @param relative whether {@code uri} is relative (and gets the {@code %SRCROOT%} base id)
 */
record ArtifactUri(String uri, boolean relative) {

  private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:/.*");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  static ArtifactUri of(String file) {
    String path = file.replace('\\', '/');
    if (WINDOWS_DRIVE.matcher(path).matches()) {
      return new ArtifactUri("file:///" + path.substring(0, 2) + escape(path.substring(2)), false);
    }
    if (path.startsWith("/")) {
      return new ArtifactUri("file://" + escape(path), false);
    }
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    return new ArtifactUri(escape(path), true);
  }

  /** Percent-encodes UTF-8 bytes except unreserved characters and the segment separator. */
  private static String escape(String path) {
    StringBuilder sb = new StringBuilder(path.length() + 8);
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }
}
