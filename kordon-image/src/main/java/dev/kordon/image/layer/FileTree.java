package dev.kordon.image.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The merged view of the layers applied so far, holding only the paths the inventory needs. Paths
 * are relative, normalised, without a leading slash.
 */
public final class FileTree {
  private final NavigableMap<String, Fact> facts = new TreeMap<>();

  public Map<String, Fact> facts() {
    return java.util.Collections.unmodifiableMap(facts);
  }

  public Optional<Fact> get(String path) {
    return Optional.ofNullable(facts.get(path));
  }

  boolean contains(String path) {
    return facts.containsKey(path);
  }

  void put(String path, Fact fact) {
    facts.put(path, fact);
  }

  /** Removes a path and everything below it (a whiteout). */
  void removeTree(String path) {
    facts.remove(path);
    removeBelow(path);
  }

  /** Removes everything below a directory (an opaque whiteout). */
  void removeBelow(String dir) {
    if (dir.isEmpty()) {
      facts.clear();
      return;
    }
    facts.subMap(dir + "/", true, dir + "/\uffff", true).clear();
  }

  /**
   * Resolves symbolic links in a path the way the image's own root would: absolute targets start at
   * the image root, {@code ..} never climbs above it, and the host is never consulted.
   */
  public String resolve(String path) {
    return resolve(path, new int[] {0});
  }

  private String resolve(String path, int[] hops) {
    List<String> done = new ArrayList<>();
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      String candidate = String.join("/", done) + (done.isEmpty() ? "" : "/") + part;
      if (facts.get(candidate) instanceof Fact.Link link) {
        if (++hops[0] > 40) {
          return candidate; // a loop: give up where we are
        }
        String base = link.target().startsWith("/") ? "" : String.join("/", done);
        String resolved = resolve(base + "/" + link.target(), hops);
        done = new ArrayList<>(resolved.isEmpty() ? List.of() : List.of(resolved.split("/")));
      } else {
        done.add(part);
      }
    }
    return String.join("/", done);
  }
}
