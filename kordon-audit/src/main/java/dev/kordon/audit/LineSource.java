package dev.kordon.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Lines of bytes from a stream, each at most a given length: a longer line is skipped to its end
 * without being held, so that a 1 GB line costs a buffer, not a gigabyte.
 */
final class LineSource {

  /** What {@link #next} found. */
  enum Kind {
    LINE,
    /** A line over the limit, skipped; {@link #length()} is how long it was. */
    TOO_LONG,
    END
  }

  private final InputStream in;
  private final int max;
  private final byte[] chunk = new byte[64 * 1024];
  private int pos;
  private int end;
  private byte[] line = new byte[8 * 1024];
  private int length;
  private long skipped;
  private long lineNumber;
  private boolean terminated;

  LineSource(InputStream in, int max) {
    this.in = in;
    this.max = max;
  }

  /** Reads the next line into {@link #bytes()}; at most {@code max} bytes. */
  Kind next() throws IOException {
    length = 0;
    skipped = 0;
    boolean any = false;
    boolean over = false;
    while (true) {
      if (pos == end) {
        end = in.read(chunk);
        pos = 0;
        if (end <= 0) {
          end = 0;
          if (!any) {
            return Kind.END;
          }
          terminated = false;
          lineNumber++;
          return over ? Kind.TOO_LONG : Kind.LINE;
        }
      }
      any = true;
      int nl = -1;
      for (int i = pos; i < end; i++) {
        if (chunk[i] == '\n') {
          nl = i;
          break;
        }
      }
      int stop = nl < 0 ? end : nl;
      int n = stop - pos;
      if (!over && length + (long) n > max) {
        over = true;
        skipped = length;
        length = 0;
      }
      if (over) {
        skipped += n;
      } else {
        append(pos, n);
      }
      pos = stop;
      if (nl >= 0) {
        pos = nl + 1;
        terminated = true;
        lineNumber++;
        return over ? Kind.TOO_LONG : Kind.LINE;
      }
    }
  }

  private void append(int from, int n) {
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.min(max, Math.max(line.length * 2, length + n)));
    }
    System.arraycopy(chunk, from, line, length, n);
    length += n;
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  /** How many bytes the last over-long line had. */
  long skippedBytes() {
    return skipped;
  }

  long lineNumber() {
    return lineNumber;
  }

  /** Whether the last line ended with a newline (else the stream ended inside it). */
  boolean terminated() {
    return terminated;
  }

  /** The bytes not yet returned as lines, followed by the rest of the stream. */
  InputStream rest() {
    return new java.io.SequenceInputStream(
        new java.io.ByteArrayInputStream(chunk, pos, end - pos), in);
  }
}
