package dev.kordon.snapshot;

import dev.kordon.model.JsonPointer;
import tools.jackson.databind.JsonNode;

/** One container of a pod spec, of any of the three kinds, with its pointer inside the object. */
public record ContainerView(Kind kind, int index, String name, JsonPointer pointer, JsonNode node) {

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
    return kind.noun() + " \"" + name + "\"";
  }

  public JsonPointer field(String... path) {
    return pointer.append(path);
  }

  public JsonNode securityContext() {
    return node.path("securityContext");
  }

  public String image() {
    return node.path("image").asString("");
  }
}
