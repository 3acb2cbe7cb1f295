package dev.kordon.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Turns running out of heap into one line of advice, printed once however many threads run out at
 * the same time: what was read before it happened and how to give Java more heap. A stack trace
 * would tell a user nothing they can act on.
 */
final class OutOfMemory {

  private boolean printed;
  private volatile boolean seen;
  // made while memory is plentiful: printed when even the advice cannot be built (other threads of
  // the command may still hold the heap when the first report is made)
  private final String fallback = advice("", 0);
  private final byte[] fallbackBytes =
      (fallback + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
  private volatile Supplier<String> progress = () -> "";

  /** Where the advice learns how far reading went, e.g. {@code after reading 12,345 objects}. */
  void progressFrom(Supplier<String> source) {
    this.progress = source;
  }

  /**
   * Prints the advice unless it was printed already, from this thread or another. A thread that
   * cannot even print it (the heap still full) leaves it to the next one: the command's own thread
   * reports once its frames are gone.
   */
  synchronized void report(PrintStream err) {
    seen = true;
    if (printed) {
      return;
    }
    try {
      String line;
      try {
        line = advice(progress.get(), Runtime.getRuntime().maxMemory());
      } catch (RuntimeException | OutOfMemoryError stillOut) {
        line = fallback;
      }
      err.println(line);
      err.flush();
      printed = true;
    } catch (OutOfMemoryError stillOut) {
      // bytes made in advance go out without a new allocation
      err.write(fallbackBytes, 0, fallbackBytes.length);
      err.flush();
      printed = !err.checkError();
    }
  }

  synchronized boolean printed() {
    return printed;
  }

  /**
   * Whether some thread ran out of heap, reported or not: what fails in the command afterwards (a
   * task cancelled with its dead worker) is a consequence of it.
   */
  boolean seen() {
    return seen;
  }

  /** The advice line; the heap suggested is at least 4 GiB and at least twice the current one. */
  static String advice(String progress, long maxHeapBytes) {
    long currentGib = Math.max(1, (maxHeapBytes + (1L << 29)) >> 30);
    long suggested = 4;
    while (suggested < 2 * currentGib) {
      suggested *= 2;
    }
    return "kordon: out of memory"
        + (progress.isEmpty() ? "" : " " + progress)
        + "; give Java more heap, e.g. KORDON_JAVA_OPTS=-Xmx"
        + suggested
        + "g";
  }

  /** {@code 12,345} in every locale. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * Fails one parallel-stream task while memory is plentiful. The JDK initializes a helper class of
   * ForkJoinTask the first time a task fails; when that first failure is an OutOfMemoryError, the
   * initialization fails too and the command sees a NoClassDefFoundError instead of the
   * OutOfMemoryError it would turn into advice. Called where inputs are read, the first parallel
   * work of a command, so that --version, --help and the catalog commands start without it.
   */
  static void primeForkJoinFailures() {
    try {
      IntStream.range(0, 2)
          .parallel()
          .forEach(
              i -> {
                throw new IllegalStateException("primes ForkJoinTask's failure path");
              });
    } catch (IllegalStateException expected) {
      // the point was to fail
    }
  }
}
