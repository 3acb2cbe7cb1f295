package dev.kordon.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An RFC 6901 JSON pointer: the path of a field inside an object, e.g. {@code /spec/hostPID}.
 *
 * <p>A value class rather than a record so that it can cache its string form and hash: sorting,
 * merging and location lookups of hundreds of thousands of findings compare pointers constantly.
 * Two pointers are equal when their segments are, that is when their escaped strings are (escaping
 * is injective); they are ordered by their strings.
 */
public final class JsonPointer implements Comparable<JsonPointer> {

  public static final JsonPointer ROOT = new JsonPointer(new String[0], "");

  // never shared with callers, never changed: appending copies into a new array once, where a
  // list would be copied twice (to an array, then into an immutable list)
  private final String[] segments;
  // Computed on first use and cached, as String caches its hash: controls build many pointers
  // they never report, and the race is benign (every thread computes the same string).
  private String text;
  // Arrays.hashCode of the segments, cached the same way (0: not yet computed)
  private int hash;

  public JsonPointer(List<String> segments) {
    this.segments = segments.toArray(new String[0]);
    for (String s : this.segments) {
      java.util.Objects.requireNonNull(s, "segment");
    }
  }

  private JsonPointer(String[] segments, String text) {
    this.segments = segments;
    this.text = text;
  }

  private String text() {
    String t = text;
    if (t == null) {
      // "/" before every escaped segment, sized once: pointers are made by the hundred per object
      String[] parts = new String[segments.length + 1];
      parts[0] = "";
      for (int i = 0; i < segments.length; i++) {
        parts[i + 1] = escape(segments[i]);
      }
      t = String.join("/", parts);
      text = t;
    }
    return t;
  }

  public static JsonPointer of(String... segments) {
    return new JsonPointer(Arrays.asList(segments));
  }

  /** Parses the string form; the empty string is the root. */
  public static JsonPointer parse(String pointer) {
    if (pointer.isEmpty()) {
      return ROOT;
    }
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException("JSON pointer must start with '/': " + pointer);
    }
    List<String> parts = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      parts.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return new JsonPointer(parts);
  }

  /** The segments, unescaped; an unmodifiable view. */
  public List<String> segments() {
    return Collections.unmodifiableList(Arrays.asList(segments));
  }

  /** How many segments: 0 for the root. */
  public int size() {
    return segments.length;
  }

  /** The segment at an index, unescaped. */
  public String segment(int index) {
    return segments[index];
  }

  public JsonPointer append(String... more) {
    for (String s : more) {
      java.util.Objects.requireNonNull(s, "segment");
    }
    String[] all = Arrays.copyOf(segments, segments.length + more.length);
    System.arraycopy(more, 0, all, segments.length, more.length);
    return new JsonPointer(all, null);
  }

  public JsonPointer append(int index) {
    return append(Integer.toString(index));
  }

  public JsonPointer append(JsonPointer suffix) {
    String[] all = Arrays.copyOf(segments, segments.length + suffix.segments.length);
    System.arraycopy(suffix.segments, 0, all, segments.length, suffix.segments.length);
    return new JsonPointer(all, null);
  }

  public boolean isRoot() {
    return segments.length == 0;
  }

  /** The pointer one level up; the root is its own parent. */
  public JsonPointer parent() {
    return isRoot() ? this : new JsonPointer(Arrays.copyOf(segments, segments.length - 1), null);
  }

  public String last() {
    return isRoot() ? "" : segments[segments.length - 1];
  }

  public boolean startsWith(JsonPointer prefix) {
    if (segments.length < prefix.segments.length) {
      return false;
    }
    for (int i = 0; i < prefix.segments.length; i++) {
      if (!segments[i].equals(prefix.segments[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text();
  }

  /** Escapes one segment: {@code ~} as {@code ~0} and {@code /} as {@code ~1}. */
  public static String escape(String segment) {
    if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
      return segment;
    }
    return segment.replace("~", "~0").replace("/", "~1");
  }

  // Equal and hashed by segments, not text: a scan's findings are shared by equal pointers
  // (hundreds of thousands, a few dozen distinct), and building each one's text only to find the
  // equal one already kept was a tenth of a finding's cost. Same verdict: escaping is injective.
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof JsonPointer p && Arrays.equals(segments, p.segments);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(segments);
      hash = h;
    }
    return h;
  }

  @Override
  public int compareTo(JsonPointer o) {
    if (o == this) {
      return 0;
    }
    String a = text();
    String b = o.text();
    return a == b ? 0 : a.compareTo(b);
  }
}
