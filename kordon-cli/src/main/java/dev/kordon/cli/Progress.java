package dev.kordon.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** A one-line progress bar on standard error, redrawn in place; silent when disabled. */
final class Progress implements IntConsumer, AutoCloseable {

  private static final int WIDTH = 30;

  private final PrintStream err;
  private final String label;
  private final int total;
  private final boolean enabled;
  private final AtomicInteger done = new AtomicInteger();
  private volatile long lastDraw;

  Progress(PrintStream err, String label, int total, boolean enabled) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.enabled = enabled && total > 0;
  }

  @Override
  public void accept(int n) {
    int now = done.addAndGet(n);
    if (!enabled) {
      return;
    }
    long t = System.nanoTime();
    if (now < total && t - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = t;
    draw(now);
  }

  private synchronized void draw(int now) {
    int filled = (int) ((long) WIDTH * Math.min(now, total) / total);
    err.print(
        "\r"
            + label
            + " ["
            + "#".repeat(filled)
            + " ".repeat(WIDTH - filled)
            + "] "
            + now
            + "/"
            + total);
    err.flush();
  }

  @Override
  public void close() {
    if (enabled) {
      err.print("\r" + " ".repeat(label.length() + WIDTH + 24) + "\r");
      err.flush();
    }
  }
}
