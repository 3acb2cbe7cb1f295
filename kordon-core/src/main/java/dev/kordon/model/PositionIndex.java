package dev.kordon.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Maps JSON pointers of a parsed document to line and column. A field that is absent resolves to
 * its deepest existing ancestor, so that a finding about a missing field still points somewhere
 * useful (the container, the pod spec).
 *
 * <p>Stored as a tree of pointer segments in parallel int arrays: node {@code i} is the segment
 * {@code segments[i]} under node {@code parents[i]}, found again through an open-addressing hash of
 * (parent, segment). A node costs about 24 bytes and shares its segment string with the JSON tree's
 * key, where a map from pointer strings to boxed positions cost several hundred bytes per field and
 * made positions the largest part of a big scan's heap.
 */
public final class PositionIndex {

  public static final PositionIndex EMPTY = builder().build();

  private static final int ROOT = 0;
  // a node that only leads to recorded descendants (e.g. a merge key's "<<") has no position
  private static final int NONE = 0;

  private final int[] parents;
  private final String[] segments;
  private final int[] lines;
  private final int[] columns;
  // slot -> node id + 1; 0 is an empty slot
  private final int[] table;

  private PositionIndex(int[] parents, String[] segments, int[] lines, int[] columns, int[] table) {
    this.parents = parents;
    this.segments = segments;
    this.lines = lines;
    this.columns = columns;
    this.table = table;
  }

  /**
   * The same positions with every line passed through {@code map} (lines are 1-based; a result
   * below 1 leaves the field without a position of its own): rendered Helm output mapped back to
   * the template's lines. Columns are kept.
   */
  public PositionIndex withLines(java.util.function.IntUnaryOperator map) {
    int[] mapped = lines.clone();
    for (int i = 0; i < mapped.length; i++) {
      if (mapped[i] != NONE) {
        mapped[i] = Math.max(NONE, map.applyAsInt(mapped[i]));
      }
    }
    return new PositionIndex(parents, segments, mapped, columns, table);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The 1-based line and column of the field, or of its deepest ancestor that exists. */
  public Optional<int[]> find(JsonPointer pointer) {
    return find(JsonPointer.ROOT, pointer);
  }

  /**
   * As {@link #find(JsonPointer)} of {@code prefix} followed by {@code pointer}, without building
   * that pointer: an object's fields are located under its base in the document once per finding.
   */
  public Optional<int[]> find(JsonPointer prefix, JsonPointer pointer) {
    int best = lines[ROOT] == NONE ? -1 : ROOT;
    int node = ROOT;
    int n = prefix.size() + pointer.size();
    for (int i = 0; i < n; i++) {
      String segment = i < prefix.size() ? prefix.segment(i) : pointer.segment(i - prefix.size());
      node = child(table, parents, segments, node, segment);
      if (node < 0) {
        break;
      }
      if (lines[node] != NONE) {
        best = node;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(new int[] {lines[best], columns[best]});
  }

  /** How many fields have a position. */
  public int size() {
    int n = 0;
    for (int line : lines) {
      if (line != NONE) {
        n++;
      }
    }
    return n;
  }

  private static int hash(int parent, String segment) {
    int h = parent * 0x9E3779B1 + segment.hashCode();
    return h ^ (h >>> 16);
  }

  /** The node of a segment under a parent, or -1. */
  private static int child(
      int[] table, int[] parents, String[] segments, int parent, String segment) {
    int mask = table.length - 1;
    for (int slot = hash(parent, segment) & mask; ; slot = (slot + 1) & mask) {
      int id = table[slot] - 1;
      if (id < 0) {
        return -1;
      }
      if (parents[id] == parent && segments[id].equals(segment)) {
        return id;
      }
    }
  }

  private static int[] table(int[] parents, String[] segments, int size) {
    int capacity = Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1;
    int[] table = new int[capacity];
    int mask = capacity - 1;
    for (int id = 1; id < size; id++) {
      int slot = hash(parents[id], segments[id]) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = id + 1;
    }
    return table;
  }

  /**
   * Collects positions while a document is read. Not thread-safe; used by one reader. Nodes are
   * added under their parent's id, so that a reader never builds the pointer's text.
   */
  public static final class Builder {
    private int[] parents = new int[16];
    private String[] segments = new String[16];
    private int[] lines = new int[16];
    private int[] columns = new int[16];
    private int size = 1; // the root, without a position until one is recorded
    private int[] table = new int[32];

    private Builder() {
      parents[ROOT] = -1;
      segments[ROOT] = "";
    }

    /** The root's id. */
    public int root() {
      return ROOT;
    }

    /**
     * Records the 1-based position of a field under the node {@code parent}; the first position
     * recorded for a field wins. Returns the field's node id, under which its children go.
     */
    public int put(int parent, String segment, int line, int column) {
      int id = node(parent, segment);
      record(id, line, column);
      return id;
    }

    /** Records the position of the root. */
    public Builder putRoot(int line, int column) {
      record(ROOT, line, column);
      return this;
    }

    /** The node of a field under {@code parent} that has no position of its own (yet). */
    public int node(int parent, String segment) {
      int id = child(table, parents, segments, parent, segment);
      return id >= 0 ? id : add(parent, segment);
    }

    /** Records a position by the pointer's escaped text ({@code ""} is the root). */
    public Builder put(String pointer, int line, int column) {
      List<String> path = JsonPointer.parse(pointer).segments();
      int id = ROOT;
      for (String segment : path) {
        id = node(id, segment);
      }
      record(id, line, column);
      return this;
    }

    private void record(int id, int line, int column) {
      // a position the parser could not give is no position: the field resolves to its parent
      if (line >= 1 && column >= 1 && lines[id] == NONE) {
        lines[id] = line;
        columns[id] = column;
      }
    }

    private int add(int parent, String segment) {
      if (size == parents.length) {
        int grown = size * 2;
        parents = Arrays.copyOf(parents, grown);
        segments = Arrays.copyOf(segments, grown);
        lines = Arrays.copyOf(lines, grown);
        columns = Arrays.copyOf(columns, grown);
      }
      int id = size++;
      parents[id] = parent;
      segments[id] = segment;
      if (size * 2 > table.length) {
        table = table(parents, segments, size);
      } else {
        int mask = table.length - 1;
        int slot = hash(parent, segment) & mask;
        while (table[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        table[slot] = id + 1;
      }
      return id;
    }

    public PositionIndex build() {
      int[] p = Arrays.copyOf(parents, size);
      String[] s = Arrays.copyOf(segments, size);
      return new PositionIndex(
          p, s, Arrays.copyOf(lines, size), Arrays.copyOf(columns, size), table(p, s, size));
    }
  }
}
