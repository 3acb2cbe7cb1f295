package dev.kordon.snapshot;

import dev.kordon.model.JsonPointer;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One container of a pod spec, of any of the three kinds, with its pointer inside the object. A
 * value class rather than a record so that it can keep what messages ask of it again and again (its
 * description, its security context): a pod's views are made once and read by every control.
 */
public final class ContainerView {
  private final Kind kind;
  private final int index;
  private final String name;
  private final JsonPointer pointer;
  private final JsonNode node;
  // computed on first use; benign races (every thread computes the same value)
  private String description;
  private JsonNode securityContext;

  public ContainerView(Kind kind, int index, String name, JsonPointer pointer, JsonNode node) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.index = index;
    this.name = Objects.requireNonNull(name, "name");
    this.pointer = Objects.requireNonNull(pointer, "pointer");
    this.node = Objects.requireNonNull(node, "node");
  }

  public Kind kind() {
    return kind;
  }

  public int index() {
    return index;
  }

  public String name() {
    return name;
  }

  public JsonPointer pointer() {
    return pointer;
  }

  public JsonNode node() {
    return node;
  }

  /** The three lists a pod spec keeps containers in. */
  public enum Kind {
    INIT("initContainers", "init container"),
    REGULAR("containers", "container"),
    EPHEMERAL("ephemeralContainers", "ephemeral container");

    private final String field;
    private final String noun;

    Kind(String field, String noun) {
      this.field = field;
      this.noun = noun;
    }

    /** The pod spec field holding this kind. */
    public String field() {
      return field;
    }

    /** How a message names a container of this kind. */
    public String noun() {
      return noun;
    }
  }

  /** {@code container "app"} or {@code init container "setup"}, for messages. */
  public String describe() {
    String d = description;
    if (d == null) {
      d = kind.noun() + " \"" + name + "\"";
      description = d;
    }
    return d;
  }

  public JsonPointer field(String... path) {
    return pointer.append(path);
  }

  public JsonNode securityContext() {
    JsonNode n = securityContext;
    if (n == null) {
      n = node.path("securityContext");
      securityContext = n;
    }
    return n;
  }

  public String image() {
    return node.path("image").asString("");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContainerView c
        && kind == c.kind
        && index == c.index
        && name.equals(c.name)
        && pointer.equals(c.pointer)
        && node.equals(c.node);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, index, name, pointer, node);
  }

  @Override
  public String toString() {
    return "ContainerView[kind="
        + kind
        + ", index="
        + index
        + ", name="
        + name
        + ", pointer="
        + pointer
        + ", node="
        + node
        + "]";
  }
}
