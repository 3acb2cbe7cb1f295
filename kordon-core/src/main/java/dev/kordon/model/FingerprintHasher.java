package dev.kordon.model;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a finding's parts with one digest and one byte buffer per thread: a scan fingerprints
 * every finding (170,000 on the real-world corpus ×3), and a digest copied per finding, with the
 * UTF-8 bytes of every part as a new array, cost more than the hashing. Strings are encoded into
 * the buffer as {@link String#getBytes} with UTF-8 encodes them (an unpaired surrogate as {@code
 * ?}).
 */
final class FingerprintHasher {

  private static final ThreadLocal<FingerprintHasher> PER_THREAD =
      ThreadLocal.withInitial(FingerprintHasher::new);
  private static final HexFormat HEX = HexFormat.of();

  private final MessageDigest sha256;
  private final byte[] digest = new byte[32];
  private byte[] buffer = new byte[256];
  private int length;

  private FingerprintHasher() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required", e);
    }
  }

  /** This thread's hasher. */
  static FingerprintHasher get() {
    return PER_THREAD.get();
  }

  /** The first {@code bytes} bytes, in lowercase hex, of SHA-256 over the parts joined by NUL. */
  String hex(int bytes, String... parts) {
    length = 0;
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        put((byte) 0);
      }
      putUtf8(parts[i]);
    }
    return digestHex(bytes);
  }

  /**
   * As {@link #hex(int, String...)} with the pointer's text as a last part, its segments encoded as
   * they are escaped in it, without building the text: most findings' pointers are dropped for an
   * equal one once shared, and only the kept ones need their text.
   */
  String hex(int bytes, String a, String b, String c, String d, JsonPointer pointer) {
    length = 0;
    putUtf8(a);
    put((byte) 0);
    putUtf8(b);
    put((byte) 0);
    putUtf8(c);
    put((byte) 0);
    putUtf8(d);
    put((byte) 0);
    for (int i = 0; i < pointer.size(); i++) {
      put((byte) '/');
      String segment = pointer.segment(i);
      if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
        putUtf8(segment);
      } else {
        putUtf8(JsonPointer.escape(segment));
      }
    }
    return digestHex(bytes);
  }

  private String digestHex(int bytes) {
    sha256.update(buffer, 0, length);
    try {
      sha256.digest(digest, 0, digest.length);
    } catch (DigestException e) {
      throw new IllegalStateException("a 32-byte buffer holds SHA-256", e);
    }
    return HEX.formatHex(digest, 0, bytes);
  }

  private void putUtf8(String s) {
    int n = s.length();
    if (buffer.length - length < n * 3) {
      buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n * 3));
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buffer[length++] = (byte) c;
      } else if (c < 0x800) {
        buffer[length++] = (byte) (0xc0 | (c >> 6));
        buffer[length++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          buffer[length++] = (byte) (0xf0 | (cp >> 18));
          buffer[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          buffer[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          buffer[length++] = (byte) (0x80 | (cp & 0x3f));
        } else {
          buffer[length++] = '?'; // as the UTF-8 encoder replaces an unpaired surrogate
        }
      } else {
        buffer[length++] = (byte) (0xe0 | (c >> 12));
        buffer[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buffer[length++] = (byte) (0x80 | (c & 0x3f));
      }
    }
  }

  private void put(byte b) {
    if (length == buffer.length) {
      buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
    }
    buffer[length++] = b;
  }
}
