package dev.kordon.image.inventory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that refuses to yield more than a cap, and does not close what it wraps. */
public final class Limited extends FilterInputStream {
  private final long cap;
  private final String what;
  private long read;

  public Limited(InputStream in, long cap, String what) {
    super(in);
    this.cap = cap;
    this.what = what;
  }

  /** The cap was reached. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String what, long cap) {
      super(what + " is larger than " + cap + " bytes");
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0 && ++read > cap) {
      throw new TooLarge(what, cap);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      read += n;
      if (read > cap) {
        throw new TooLarge(what, cap);
      }
    }
    return n;
  }

  @Override
  public void close() {
    // the wrapped stream belongs to the caller
  }

  /** Reads all of a stream up to a cap. */
  public static byte[] read(InputStream in, int cap, String what) throws IOException {
    return new Limited(in, cap, what).readAllBytes();
  }
}
