package dev.kordon.engine;

import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One copy of the parts that many findings of a scan have in common. 20,000 pods give half a
 * million findings, yet only a few dozen distinct paths ({@code /spec/containers/0/image}) and a
 * few thousand distinct messages; each control builds its own copy of them per finding. Lives for
 * one scan; safe to use from the threads that evaluate objects. Lists (frameworks, refs) are not
 * shared here: the findings kept for the report ({@code FindingColumns}) hold them once per shape
 * of finding anyway, and hashing two lists per finding cost more than the batch's copies.
 */
final class SharedParts {

  // past this many distinct values a part is kept as it is: the table would cost more than it saves
  private static final int CAPACITY = 1 << 17;

  private final ConcurrentHashMap<JsonPointer, JsonPointer> paths = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> messages = new ConcurrentHashMap<>();

  /** The finding with its frameworks, its equal parts shared with the findings seen before. */
  Finding share(Finding f, List<String> frameworks) {
    return new Finding(
        f.controlId(),
        f.title(),
        f.severity(),
        f.resource(),
        share(paths, f.path()),
        f.location(),
        share(messages, f.message()),
        f.remediation(),
        f.fingerprint(),
        frameworks,
        f.status(),
        f.note(),
        f.refs(),
        f.evidence());
  }

  private static <T> T share(ConcurrentHashMap<T, T> table, T value) {
    T known = table.get(value);
    if (known != null) {
      return known;
    }
    if (table.size() >= CAPACITY) {
      return value;
    }
    known = table.putIfAbsent(value, value);
    return known == null ? value : known;
  }
}
