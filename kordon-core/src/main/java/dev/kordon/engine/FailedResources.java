package dev.kordon.engine;

import dev.kordon.model.ObjectRef;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Per control, the distinct objects its failed findings are about, and how many failed findings it
 * has: what scores and the control view count. An object is a number (one table for the scan) and
 * each control a bit set of them, instead of a hash set of references per control (1.2 million
 * entries for 50,000 pods).
 */
final class FailedResources {

  private final Map<ObjectRef, Integer> ids = new HashMap<>();
  private final Map<String, BitSet> objects = new HashMap<>();
  private final Map<String, Integer> findings = new HashMap<>();

  /** One failed finding (or member of a merged one) of the control on the object. */
  void add(String controlId, ObjectRef resource) {
    Integer id = ids.get(resource);
    if (id == null) {
      id = ids.size();
      ids.put(resource, id);
    }
    objects.computeIfAbsent(controlId, k -> new BitSet()).set(id);
    findings.merge(controlId, 1, Integer::sum);
  }

  /** Per control id, how many distinct objects failed it. */
  Map<String, Integer> counts() {
    Map<String, Integer> out = new HashMap<>();
    objects.forEach((id, set) -> out.put(id, set.cardinality()));
    return out;
  }

  /** Per control id, how many failed findings it has. */
  Map<String, Integer> findings() {
    return findings;
  }
}
