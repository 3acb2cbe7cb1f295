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

  /** One control's failed objects and findings. */
  private static final class PerControl {
    final BitSet objects = new BitSet();
    int findings;
  }

  private final Map<ObjectRef, Integer> ids = new HashMap<>();
  private final Map<String, PerControl> controls = new HashMap<>();
  // findings come object by object: the object of the finding before, and its number
  private ObjectRef lastResource;
  private int lastId;

  /** One failed finding (or member of a merged one) of the control on the object. */
  void add(String controlId, ObjectRef resource) {
    if (resource != lastResource) {
      Integer id = ids.get(resource);
      if (id == null) {
        id = ids.size();
        ids.put(resource, id);
      }
      lastResource = resource;
      lastId = id;
    }
    PerControl c = controls.get(controlId);
    if (c == null) {
      c = new PerControl();
      controls.put(controlId, c);
    }
    c.objects.set(lastId);
    c.findings++;
  }

  /** Per control id, how many distinct objects failed it. */
  Map<String, Integer> counts() {
    Map<String, Integer> out = new HashMap<>();
    controls.forEach((id, c) -> out.put(id, c.objects.cardinality()));
    return out;
  }

  /** Per control id, how many failed findings it has. */
  Map<String, Integer> findings() {
    Map<String, Integer> out = new HashMap<>();
    controls.forEach((id, c) -> out.put(id, c.findings));
    return out;
  }
}
