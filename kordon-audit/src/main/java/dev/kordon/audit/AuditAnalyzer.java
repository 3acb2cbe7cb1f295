package dev.kordon.audit;

import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every detection over a stream of events given in time order and gathers their findings.
 * Memory is bounded by the detection windows and the finding caps, not by the log.
 */
public final class AuditAnalyzer {

  private final List<Detection> detections;
  private final FindingBook book;
  private long events;

  public AuditAnalyzer(AuditSettings settings, List<ObjectControl> userRules) {
    this(settings, userRules, null);
  }

  /** An analyzer that tells {@code listener} of each new finding as it opens ({@code --follow}). */
  public AuditAnalyzer(
      AuditSettings settings,
      List<ObjectControl> userRules,
      java.util.function.Consumer<Finding> listener) {
    Identities ids = settings.identities();
    List<Detection> all = new ArrayList<>();
    all.add(new PodExec());
    all.add(new HostAccessWorkload(ids));
    all.add(new SecretRead(ids));
    all.add(new ForbiddenBurst(ids, settings.burstThreshold(), settings.burstWindowSeconds()));
    all.add(new AnonymousAllowed(ids));
    all.add(new BroadBinding(ids));
    all.add(new TokenForOtherAccount(ids));
    all.add(new LongLivedTokenSecret(ids));
    all.add(DeletionOf.events(ids));
    all.add(DeletionOf.admission(ids));
    all.add(CreatedByPerson.cronJobs(ids));
    all.add(CreatedByPerson.daemonSets(ids));
    for (ObjectControl c : userRules) {
      all.add(new UserRule(c));
    }
    this.detections = List.copyOf(all);
    this.book = new FindingBook(settings.maxFindings(), listener == null ? null : listener::accept);
  }

  /** Looks at the next event. */
  public void accept(AuditEvent e) {
    events++;
    for (Detection d : detections) {
      d.observe(e, book);
    }
  }

  public long events() {
    return events;
  }

  /** The findings so far, most severe first. */
  public List<Finding> findings() {
    return book.findings();
  }

  /** Hits dropped after the finding cap was reached. */
  public long dropped() {
    return book.dropped();
  }
}
