package dev.kordon.audit;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Several logs as one stream ordered by time (a k-way merge holding one event per log): an HA
 * cluster writes one log per API server, and a burst may be split across them. An event without a
 * time keeps the time of the event before it in its log, so that it stays where it was written.
 */
public final class MergedEvents implements Closeable {

  private record Head(AuditEvent event, long time, int log, long seq) {}

  private final List<LogReader> readers;
  private final long[] lastTime;
  private final PriorityQueue<Head> heads =
      new PriorityQueue<>(
          (a, b) -> {
            int c = Long.compare(a.time, b.time);
            if (c != 0) {
              return c;
            }
            c = Integer.compare(a.log, b.log);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
          });
  private long seq;
  private boolean started;

  public MergedEvents(List<LogReader> readers) {
    this.readers = List.copyOf(readers);
    this.lastTime = new long[readers.size()];
    java.util.Arrays.fill(lastTime, Long.MIN_VALUE);
  }

  /** The next event in time order, or null when every log is read. */
  public AuditEvent next() throws IOException {
    if (!started) {
      started = true;
      for (int i = 0; i < readers.size(); i++) {
        advance(i);
      }
    }
    Head h = heads.poll();
    if (h == null) {
      return null;
    }
    advance(h.log);
    return h.event;
  }

  private void advance(int log) throws IOException {
    AuditEvent e = readers.get(log).next();
    if (e == null) {
      return;
    }
    long t = e.micros() == AuditEvent.UNKNOWN_TIME ? lastTime[log] : e.micros();
    lastTime[log] = t;
    heads.add(new Head(e, t, log, seq++));
  }

  /** Events read from every log so far. */
  public long events() {
    return readers.stream().mapToLong(LogReader::events).sum();
  }

  @Override
  public void close() throws IOException {
    for (LogReader r : readers) {
      r.close();
    }
  }
}
