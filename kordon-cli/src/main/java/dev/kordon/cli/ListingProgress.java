package dev.kordon.cli;

import dev.kordon.cluster.ListingListener;
import java.io.PrintStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One line on standard error while a cluster is read: the kinds being listed and the objects
 * received so far. Silent unless enabled (a terminal, not CI).
 */
final class ListingProgress implements ListingListener, AutoCloseable {

  private static final int MAX_WIDTH = 78;

  private final PrintStream err;
  private final boolean enabled;
  private final AtomicLong objects = new AtomicLong();
  private final Set<String> active = new TreeSet<>();
  private long lastDraw;
  private int drawnWidth;

  ListingProgress(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  @Override
  public void started(String kind) {
    synchronized (this) {
      active.add(kind);
    }
    draw(false);
  }

  @Override
  public void listed(String kind, int count) {
    objects.addAndGet(count);
    draw(false);
  }

  @Override
  public void finished(String kind) {
    synchronized (this) {
      active.remove(kind);
    }
    draw(false);
  }

  private synchronized void draw(boolean force) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (!force && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    String line = "listing " + String.join(", ", active) + " … " + objects.get() + " objects";
    if (line.length() > MAX_WIDTH) {
      line = line.substring(0, MAX_WIDTH - 1) + "…";
    }
    err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
    err.flush();
    drawnWidth = line.length();
  }

  @Override
  public synchronized void close() {
    if (enabled && drawnWidth > 0) {
      err.print("\r" + " ".repeat(drawnWidth) + "\r");
      err.flush();
    }
  }
}
