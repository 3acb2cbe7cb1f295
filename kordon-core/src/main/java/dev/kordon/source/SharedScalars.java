package dev.kordon.source;

import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One node per short scalar value read by a reader: manifests repeat their values ({@code
 * IfNotPresent}, {@code TCP}, {@code true}, an image, a label), and a value node is immutable, so
 * every tree may hold the same one. A plain scalar and a quoted one of the same text are different
 * values ({@code true} against {@code "true"}) and kept apart. Bounded like {@link SharedStrings}:
 * past its capacity (unique names fill it first) values are built as they come. Thread-safe.
 */
final class SharedScalars {

  // longer values are rarely repeated (and would make a hostile input's table costly)
  private static final int MAX_LENGTH = 64;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ConcurrentHashMap<String, JsonNode> plain = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, JsonNode> quoted = new ConcurrentHashMap<>();
  private final int capacity;

  SharedScalars(int capacity) {
    this.capacity = capacity;
  }

  /** The node of a plain scalar, as {@link ScalarTypes#plain} resolves it. */
  JsonNode plain(String value) {
    if (value.length() > MAX_LENGTH) {
      return ScalarTypes.plain(value);
    }
    JsonNode known = plain.get(value);
    if (known != null) {
      return known;
    }
    JsonNode node = ScalarTypes.plain(value);
    return plain.size() >= capacity ? node : shared(plain, value, node);
  }

  /** The string node of a quoted scalar (or one tagged {@code !}). */
  JsonNode quoted(String value) {
    if (value.length() > MAX_LENGTH) {
      return NODES.stringNode(value);
    }
    JsonNode known = quoted.get(value);
    if (known != null) {
      return known;
    }
    JsonNode node = NODES.stringNode(value);
    return quoted.size() >= capacity ? node : shared(quoted, value, node);
  }

  private static JsonNode shared(
      ConcurrentHashMap<String, JsonNode> table, String value, JsonNode node) {
    JsonNode raced = table.putIfAbsent(value, node);
    return raced == null ? node : raced;
  }
}
