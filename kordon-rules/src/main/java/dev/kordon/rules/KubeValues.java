package dev.kordon.rules;

import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Converts a Jackson tree into the values cel-java's standard runtime evaluates: {@code Map},
 * {@code List}, {@code Long} (never {@code Integer}), {@code Double}, {@code String}, {@code
 * Boolean}, and {@link NullValue#NULL_VALUE} for JSON null. The result is unmodifiable and shares
 * nothing with the tree.
 */
final class KubeValues {
  private KubeValues() {}

  static Object of(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        map.put(e.getKey(), of(e.getValue()));
      }
      return Collections.unmodifiableMap(map);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode v : node.values()) {
        list.add(of(v));
      }
      return Collections.unmodifiableList(list);
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asString();
  }

  /** A map view of an object, or null when absent: the value of {@code oldObject} on CREATE. */
  static Object objectOrNull(JsonNode node) {
    return node == null ? NullValue.NULL_VALUE : of(node);
  }
}
