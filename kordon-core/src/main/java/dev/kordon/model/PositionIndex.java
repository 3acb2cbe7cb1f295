package dev.kordon.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps JSON pointers of a parsed document to line and column. A field that is absent resolves to
 * its deepest existing ancestor, so that a finding about a missing field still points somewhere
 * useful (the container, the pod spec).
 */
public final class PositionIndex {

  public static final PositionIndex EMPTY = new PositionIndex(Map.of());

  // line in the high 32 bits, column in the low 32 bits: one boxed long per field, not a record.
  private final Map<String, Long> positions;

  private PositionIndex(Map<String, Long> positions) {
    this.positions = positions;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The 1-based line and column of the field, or of its deepest ancestor that exists. */
  public Optional<int[]> find(JsonPointer pointer) {
    // '/' only ever separates segments of the escaped form, so cutting at it walks up a level.
    String p = pointer.toString();
    while (true) {
      Long packed = positions.get(p);
      if (packed != null) {
        return Optional.of(new int[] {(int) (packed >>> 32), (int) (packed & 0xffffffffL)});
      }
      if (p.isEmpty()) {
        return Optional.empty();
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  public int size() {
    return positions.size();
  }

  /** Collects positions while a document is read. Not thread-safe; used by one reader. */
  public static final class Builder {
    private final Map<String, Long> positions = new HashMap<>();

    /** Records a 1-based position; the first one recorded for a pointer wins. */
    public Builder put(String pointer, int line, int column) {
      positions.putIfAbsent(pointer, ((long) line << 32) | (column & 0xffffffffL));
      return this;
    }

    public PositionIndex build() {
      return new PositionIndex(Map.copyOf(positions));
    }
  }
}
