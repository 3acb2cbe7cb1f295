package dev.kordon.pss;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.report.JsonOutput;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test pods built as upstream's fixtures are: a minimal valid pod plus one-field edits. Each edit
 * sets a value at a JSON pointer, creating the objects on the way.
 */
final class PodBuilder {

  private final ObjectNode root;

  private PodBuilder(ObjectNode root) {
    this.root = root;
  }

  /** One init container and one container, nothing else: valid at baseline, any version. */
  static PodBuilder baseline() {
    ObjectNode root = JsonOutput.object();
    root.put("apiVersion", "v1").put("kind", "Pod");
    root.putObject("metadata").put("name", "p").put("namespace", "ns");
    ObjectNode spec = root.putObject("spec");
    spec.putArray("initContainers").addObject().put("name", "init").put("image", "pause");
    spec.putArray("containers").addObject().put("name", "app").put("image", "pause");
    return new PodBuilder(root);
  }

  /** The minimal pod valid at restricted for every version. */
  static PodBuilder restricted() {
    return baseline()
        .set("/spec/securityContext/runAsNonRoot", true)
        .set("/spec/securityContext/seccompProfile/type", "RuntimeDefault")
        .set("/spec/initContainers/0/securityContext/allowPrivilegeEscalation", false)
        .set("/spec/containers/0/securityContext/allowPrivilegeEscalation", false)
        .set("/spec/initContainers/0/securityContext/capabilities/drop", List.of("ALL"))
        .set("/spec/containers/0/securityContext/capabilities/drop", List.of("ALL"));
  }

  /** Sets a value (string, boolean, number, list or a tree) at the pointer. */
  PodBuilder set(String pointer, Object value) {
    ObjectNode copy = root.deepCopy();
    JsonPointer p = JsonPointer.parse(pointer);
    JsonNode parent = copy;
    List<String> segs = p.segments();
    for (int i = 0; i < segs.size() - 1; i++) {
      parent = step(parent, segs.get(i), segs.get(i + 1));
    }
    JsonNode v = JsonOutput.mapper().valueToTree(value);
    String last = segs.get(segs.size() - 1);
    if (parent instanceof ArrayNode a) {
      int index = Integer.parseInt(last);
      while (a.size() <= index) {
        a.addNull();
      }
      a.set(index, v);
    } else {
      ((ObjectNode) parent).set(last, v);
    }
    return new PodBuilder(copy);
  }

  /** Removes the field at the pointer. */
  PodBuilder remove(String pointer) {
    ObjectNode copy = root.deepCopy();
    JsonPointer p = JsonPointer.parse(pointer);
    JsonNode parent = KubeObject.at(copy, p.parent());
    if (parent instanceof ObjectNode o) {
      o.remove(p.last());
    }
    return new PodBuilder(copy);
  }

  private static JsonNode step(JsonNode parent, String seg, String next) {
    boolean nextIsIndex = next.chars().allMatch(Character::isDigit);
    if (parent instanceof ArrayNode a) {
      int index = Integer.parseInt(seg);
      while (a.size() <= index) {
        a.addObject();
      }
      return a.get(index);
    }
    ObjectNode o = (ObjectNode) parent;
    JsonNode child = o.get(seg);
    if (child == null || child.isNull()) {
      child = nextIsIndex ? o.putArray(seg) : o.putObject(seg);
    }
    return child;
  }

  KubeObject build() {
    return KubeObject.of(root.deepCopy(), new Origin.Request("test"));
  }
}
