package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A burst of Forbidden answers to one requester: discovery by trial. Memory is bounded by the
 * window: per requester at most {@code threshold} recent denials, and requesters quiet for longer
 * than the window are forgotten.
 */
final class ForbiddenBurst implements Detection {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0403")
          .title("Burst of Forbidden responses")
          .severity(Severity.MEDIUM)
          .description(
              "One requester was refused many times in a short while: someone probing what a stolen"
                  + " credential may do, or a workload trying its luck.")
          .remediation(
              "Find out what the requester tried and why; revoke or rotate the credential if the"
                  + " requests were not its own.")
          .kinds("Event")
          .refs("mitre:T1613")
          .build();

  private final Identities identities;
  private final int threshold;
  private final long windowMicros;
  private final Map<String, State> bySubject = new HashMap<>();
  private long sweepAt = Long.MIN_VALUE;

  private static final class State {
    final ArrayDeque<AuditEvent> recent = new ArrayDeque<>();
    long lastDenied;
    long burstUntil = Long.MIN_VALUE;
  }

  ForbiddenBurst(Identities identities, int threshold, long windowSeconds) {
    if (threshold < 2) {
      throw new IllegalArgumentException("the burst threshold must be at least 2");
    }
    if (windowSeconds < 1) {
      throw new IllegalArgumentException("the burst window must be at least 1 second");
    }
    this.identities = identities;
    this.threshold = threshold;
    this.windowMicros = windowSeconds * 1_000_000L;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  /** Requesters held right now, for tests of the memory bound. */
  int held() {
    return bySubject.size();
  }

  @Override
  public void observe(AuditEvent e, Hits hits) {
    long now = e.micros();
    if (now == AuditEvent.UNKNOWN_TIME) {
      return;
    }
    sweep(now);
    if (!e.forbidden() || identities.isSystem(e.subject().name())) {
      return;
    }
    String who = e.subject().name();
    State s = bySubject.computeIfAbsent(who, k -> new State());
    s.lastDenied = now;
    String message =
        "\""
            + who
            + "\" was refused "
            + threshold
            + " times or more within "
            + windowMicros / 1_000_000L
            + " s";
    if (now <= s.burstUntil) {
      s.burstUntil = now + windowMicros;
      hits.hit(INFO, e, who, JsonPointer.of("responseStatus", "code"), message);
      return;
    }
    s.recent.addLast(e);
    while (!s.recent.isEmpty() && s.recent.peekFirst().micros() < now - windowMicros) {
      s.recent.removeFirst();
    }
    if (s.recent.size() >= threshold) {
      for (AuditEvent d : s.recent) {
        hits.hit(INFO, d, who, JsonPointer.of("responseStatus", "code"), message);
      }
      s.recent.clear();
      s.burstUntil = now + windowMicros;
    }
  }

  /** Forgets requesters quiet for longer than the window, at most once per window. */
  private void sweep(long now) {
    if (now < sweepAt) {
      return;
    }
    sweepAt = now + windowMicros;
    Iterator<State> it = bySubject.values().iterator();
    while (it.hasNext()) {
      State s = it.next();
      if (s.lastDenied < now - windowMicros && s.burstUntil < now) {
        it.remove();
      }
    }
  }
}
