package dev.kordon.source;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One copy of each mapping key and array index read by a reader. A scan of 20,000 pods reads {@code
 * name}, {@code image} and {@code containers} hundreds of thousands of times; the parser gives a
 * new string each time, and both the JSON tree and the position index keep it. Bounded, so that a
 * long-lived reader fed unique keys stops growing (it then hands strings back unshared).
 * Thread-safe: files are read in parallel.
 */
final class SharedStrings {

  // keys longer than this are rarely repeated (and would make a hostile input's table costly)
  private static final int MAX_LENGTH = 128;
  private static final String[] INDICES = new String[1024];

  static {
    for (int i = 0; i < INDICES.length; i++) {
      INDICES[i] = Integer.toString(i).intern();
    }
  }

  private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();
  private final int capacity;

  SharedStrings(int capacity) {
    this.capacity = capacity;
  }

  /** The shared copy of a string equal to {@code s}, or {@code s} itself. */
  String intern(String s) {
    if (s.length() > MAX_LENGTH) {
      return s;
    }
    String shared = strings.get(s);
    if (shared != null) {
      return shared;
    }
    if (strings.size() >= capacity) {
      return s;
    }
    shared = strings.putIfAbsent(s, s);
    return shared == null ? s : shared;
  }

  /** The text of an array index, shared. */
  String index(int i) {
    return i < INDICES.length ? INDICES[i] : intern(Integer.toString(i));
  }
}
