package dev.kordon.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An RFC 6901 JSON pointer: the path of a field inside an object, e.g. {@code /spec/hostPID}. */
public record JsonPointer(List<String> segments) implements Comparable<JsonPointer> {

  public static final JsonPointer ROOT = new JsonPointer(List.of());

  public JsonPointer {
    segments = List.copyOf(segments);
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

  public JsonPointer append(String... more) {
    List<String> all = new ArrayList<>(segments.size() + more.length);
    all.addAll(segments);
    all.addAll(Arrays.asList(more));
    return new JsonPointer(all);
  }

  public JsonPointer append(int index) {
    return append(Integer.toString(index));
  }

  public JsonPointer append(JsonPointer suffix) {
    List<String> all = new ArrayList<>(segments);
    all.addAll(suffix.segments);
    return new JsonPointer(all);
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** The pointer one level up; the root is its own parent. */
  public JsonPointer parent() {
    return isRoot() ? this : new JsonPointer(segments.subList(0, segments.size() - 1));
  }

  public String last() {
    return isRoot() ? "" : segments.get(segments.size() - 1);
  }

  public boolean startsWith(JsonPointer prefix) {
    return segments.size() >= prefix.segments.size()
        && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      sb.append('/').append(escape(s));
    }
    return sb.toString();
  }

  /** Escapes one segment: {@code ~} as {@code ~0} and {@code /} as {@code ~1}. */
  public static String escape(String segment) {
    if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
      return segment;
    }
    return segment.replace("~", "~0").replace("/", "~1");
  }

  @Override
  public int compareTo(JsonPointer o) {
    return toString().compareTo(o.toString());
  }
}
