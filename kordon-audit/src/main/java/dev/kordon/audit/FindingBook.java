package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.Evidence;
import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.SourceLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers hits into findings: one per detection and key, listing the audit id of every triggering
 * event (the stages of one request count once). Bounded: at most {@link Evidence#MAX_IDS} ids and
 * ten source IPs per finding, and at most {@code maxFindings} findings.
 */
final class FindingBook implements Detection.Hits {

  static final int MAX_IPS = 10;

  private final int maxFindings;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private long dropped;

  /** Called once per new finding, for {@code --follow}. */
  interface Listener {
    void opened(Finding first);
  }

  private final Listener listener;

  FindingBook(int maxFindings, Listener listener) {
    this.maxFindings = maxFindings;
    this.listener = listener;
  }

  private static final class Entry {
    final ControlInfo info;
    final AuditEvent first;
    final JsonPointer path;
    final String message;
    final Set<String> ids = new LinkedHashSet<>();
    final Set<String> ips = new LinkedHashSet<>();
    String lastId = "";
    int events;
    String lastSeen = "";

    Entry(ControlInfo info, AuditEvent first, JsonPointer path, String message) {
      this.info = info;
      this.first = first;
      this.path = path;
      this.message = message;
    }
  }

  @Override
  public void hit(ControlInfo info, AuditEvent e, String key, JsonPointer path, String message) {
    String k = info.id() + "\u0000" + key;
    Entry entry = entries.get(k);
    if (entry == null) {
      if (entries.size() >= maxFindings) {
        dropped++;
        return;
      }
      entry = new Entry(info, e, path, message);
      entries.put(k, entry);
      count(entry, e);
      if (listener != null) {
        listener.opened(finding(entry));
      }
      return;
    }
    count(entry, e);
  }

  private static void count(Entry entry, AuditEvent e) {
    String id = e.auditId();
    if (!id.isEmpty() && (id.equals(entry.lastId) || entry.ids.contains(id))) {
      return; // another stage of the same request
    }
    entry.lastId = id;
    entry.events++;
    if (!id.isEmpty() && entry.ids.size() < Evidence.MAX_IDS) {
      entry.ids.add(id);
    }
    for (String ip : e.sourceIps()) {
      if (entry.ips.size() < MAX_IPS) {
        entry.ips.add(ip);
      }
    }
    if (!e.time().isEmpty()) {
      entry.lastSeen = e.time();
    }
  }

  /** Hits dropped because the finding cap was reached. */
  long dropped() {
    return dropped;
  }

  /** The findings so far, most severe first, then by time of first event. */
  List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      out.add(finding(e));
    }
    out.sort(
        Comparator.comparing((Finding f) -> f.severity())
            .reversed()
            .thenComparing(f -> f.evidence().firstSeen())
            .thenComparing(Finding::controlId)
            .thenComparing(Finding::fingerprint));
    return out;
  }

  private static Finding finding(Entry e) {
    AuditEvent ev = e.first;
    AuditEvent.Requester who = ev.subject();
    Evidence.Target object = ev.object();
    ObjectRef ref = subjectOrObject(e.info.id(), ev);
    String message =
        e.message
            + (e.events > 1 ? " (" + e.events + " requests, first at " + ev.time() + ")" : "");
    Evidence evidence =
        new Evidence(
            List.copyOf(e.ids),
            e.events,
            who.name(),
            who.groups(),
            who.serviceAccount(),
            List.copyOf(e.ips),
            ev.userAgent(),
            object,
            ev.time(),
            e.lastSeen.isEmpty() ? ev.time() : e.lastSeen);
    String fingerprint =
        Finding.fingerprint(
            e.info.id(),
            new ObjectRef("", ref.kind(), ref.namespace(), ref.name() + "\u0000" + who.name()),
            e.path);
    Optional<SourceLocation> location =
        Optional.of(
            new SourceLocation(
                ev.file(), (int) Math.max(1, Math.min(Integer.MAX_VALUE, ev.line())), 1));
    return new Finding(
        e.info.id(),
        e.info.title(),
        e.info.severity(),
        ref,
        e.path,
        location,
        message,
        e.info.remediation(),
        fingerprint,
        List.of(),
        FindingStatus.FAIL,
        "",
        e.info.allRefs(),
        evidence);
  }

  /** The object a finding is about; for a finding about a requester, the requester. */
  private static ObjectRef subjectOrObject(String id, AuditEvent ev) {
    Evidence.Target t = ev.object();
    if (t.resource().isEmpty() || id.equals(AuditControls.FORBIDDEN_BURST.id())) {
      AuditEvent.Requester who = ev.subject();
      if (who.isServiceAccount()) {
        String[] sa = who.serviceAccount().split("/", 2);
        return new ObjectRef("v1", "ServiceAccount", sa[0], sa[1]);
      }
      return new ObjectRef("rbac.authorization.k8s.io/v1", "User", "", who.name());
    }
    String version = ev.raw().path("objectRef").path("apiVersion").asString("");
    String apiVersion =
        t.apiGroup().isEmpty()
            ? version
            : version.isEmpty() ? t.apiGroup() : t.apiGroup() + "/" + version;
    String name = t.name();
    if (name.isEmpty()) {
      name = ev.requestObject().path("metadata").path("name").asString("");
    }
    if (name.isEmpty()) {
      name = ev.responseObject().path("metadata").path("name").asString("");
    }
    return new ObjectRef(apiVersion, Kinds.of(t.resource()), t.namespace(), name);
  }
}
