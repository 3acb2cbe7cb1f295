package dev.kordon.rules;

import dev.cel.common.values.NullValue;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Presents a Jackson tree as the values cel-java's standard runtime evaluates: {@code Map}, {@code
 * List}, {@code Long} (never {@code Integer}), {@code Double}, {@code String}, {@code Boolean}, and
 * {@link NullValue#NULL_VALUE} for JSON null. Objects and arrays are read-only views converted as
 * the expression reads them, so a rule that looks at one field of a large object does not pay for
 * copying the rest. A field set to null is absent, as the API server decodes it ({@code
 * has(object.metadata.labels)} is false for {@code labels: null}). The tree is never mutated
 * (KubeObject's contract), so the views are stable.
 */
final class KubeValues {
  private KubeValues() {}

  static Object of(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      return new ObjectView(node);
    }
    if (node.isArray()) {
      return new ArrayView(node);
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

  /** A JSON object as an unmodifiable map. */
  private static final class ObjectView extends AbstractMap<String, Object> {
    private final JsonNode node;

    ObjectView(JsonNode node) {
      this.node = node;
    }

    @Override
    public Object get(Object key) {
      if (!(key instanceof String)) {
        return null;
      }
      JsonNode child = node.get((String) key);
      return child == null || child.isNull() ? null : of(child);
    }

    @Override
    public boolean containsKey(Object key) {
      if (!(key instanceof String)) {
        return false;
      }
      JsonNode child = node.get((String) key);
      return child != null && !child.isNull();
    }

    @Override
    public int size() {
      int n = 0;
      for (JsonNode v : node.values()) {
        if (!v.isNull()) {
          n++;
        }
      }
      return n;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<Entry<String, JsonNode>> it = node.properties().iterator();
          return new Iterator<>() {
            private Entry<String, JsonNode> next = advance();

            private Entry<String, JsonNode> advance() {
              while (it.hasNext()) {
                Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                  return e;
                }
              }
              return null;
            }

            @Override
            public boolean hasNext() {
              return next != null;
            }

            @Override
            public Entry<String, Object> next() {
              if (next == null) {
                throw new java.util.NoSuchElementException();
              }
              Entry<String, JsonNode> e = next;
              next = advance();
              return new SimpleImmutableEntry<>(e.getKey(), of(e.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return ObjectView.this.size();
        }
      };
    }
  }

  /** A JSON array as an unmodifiable list. */
  private static final class ArrayView extends AbstractList<Object> {
    private final JsonNode node;

    ArrayView(JsonNode node) {
      this.node = node;
    }

    @Override
    public Object get(int index) {
      if (index < 0 || index >= node.size()) {
        throw new IndexOutOfBoundsException(index);
      }
      return of(node.get(index));
    }

    @Override
    public int size() {
      return node.size();
    }
  }
}
