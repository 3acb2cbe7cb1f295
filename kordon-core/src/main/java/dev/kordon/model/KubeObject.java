package dev.kordon.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One Kubernetes object: its identity, labels, annotations, the raw tree and where it came from.
 * The tree is never mutated after the source built it.
 */
public record KubeObject(
    ObjectRef ref,
    Map<String, String> labels,
    Map<String, String> annotations,
    JsonNode raw,
    Origin origin) {

  public KubeObject {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  /** Builds an object from its tree, reading identity, labels and annotations from it. */
  public static KubeObject of(JsonNode raw, Origin origin) {
    JsonNode meta = raw.path("metadata");
    String name = meta.path("name").asString("");
    if (name.isEmpty()) {
      name = meta.path("generateName").asString("");
    }
    ObjectRef ref =
        new ObjectRef(
            raw.path("apiVersion").asString(""),
            raw.path("kind").asString(""),
            meta.path("namespace").asString(""),
            name);
    return new KubeObject(
        ref, stringMap(meta.path("labels")), stringMap(meta.path("annotations")), raw, origin);
  }

  /** Reads a map of strings, skipping entries whose value is not a scalar. */
  public static Map<String, String> stringMap(JsonNode node) {
    if (!node.isObject()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        out.put(e.getKey(), e.getValue().asString());
      }
    }
    return out;
  }

  public String apiVersion() {
    return ref.apiVersion();
  }

  public String kind() {
    return ref.kind();
  }

  public String namespace() {
    return ref.namespace();
  }

  public String name() {
    return ref.name();
  }

  /**
   * Whether the object itself names its namespace ({@code metadata.namespace}), rather than being
   * placed in the default namespace when read.
   */
  public boolean namespaceExplicit() {
    JsonNode ns = raw.path("metadata").path("namespace");
    return ns.isString() && !ns.stringValue().isEmpty();
  }

  /** The node at the pointer, or a missing node. */
  public JsonNode at(JsonPointer pointer) {
    return at(raw, pointer);
  }

  /** Walks a pointer from any node; array segments are indices. */
  public static JsonNode at(JsonNode from, JsonPointer pointer) {
    JsonNode n = from;
    for (int s = 0; s < pointer.size() && !n.isMissingNode(); s++) {
      n = step(n, pointer.segment(s));
    }
    return n;
  }

  /** Walks segments from any node, as {@link #at(JsonNode, JsonPointer)} walks a pointer. */
  public static JsonNode at(JsonNode from, String... segments) {
    JsonNode n = from;
    for (int s = 0; s < segments.length && !n.isMissingNode(); s++) {
      n = step(n, segments[s]);
    }
    return n;
  }

  /** One segment down: a field of an object, an index of an array, missing under a scalar. */
  private static JsonNode step(JsonNode n, String seg) {
    if (n.isObject()) {
      return n.path(seg);
    }
    if (n.isArray()) {
      int i = parseIndex(seg);
      return i < 0 ? MissingNode.getInstance() : n.path(i);
    }
    return MissingNode.getInstance();
  }

  private static int parseIndex(String seg) {
    if (seg.isEmpty() || seg.length() > 9) {
      return -1;
    }
    for (int i = 0; i < seg.length(); i++) {
      if (!Character.isDigit(seg.charAt(i))) {
        return -1;
      }
    }
    return Integer.parseInt(seg);
  }

  public boolean has(JsonPointer pointer) {
    JsonNode n = at(pointer);
    return !n.isMissingNode() && !n.isNull();
  }

  /** A string field; numbers and booleans are given as their text. */
  public Optional<String> text(JsonPointer pointer) {
    JsonNode n = at(pointer);
    return n.isValueNode() && !n.isNull() ? Optional.of(n.asString()) : Optional.empty();
  }

  /** A boolean field; a quoted "true" is a string, as the API server sees it, and gives empty. */
  public Optional<Boolean> bool(JsonPointer pointer) {
    JsonNode n = at(pointer);
    if (n.isBoolean()) {
      return Optional.of(n.booleanValue());
    }
    return Optional.empty();
  }

  public OptionalLong integer(JsonPointer pointer) {
    JsonNode n = at(pointer);
    return n.isIntegralNumber() ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
  }

  /** The file location of a field (or its nearest existing ancestor), when read from a file. */
  public Optional<SourceLocation> locate(JsonPointer pointer) {
    return origin.locate(pointer);
  }
}
