package dev.kordon.node;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A test node tree ({@code src/test/resources/node/<name>/}) copied to a temporary directory with
 * the modes and owners of {@code <name>.modes} applied (git keeps neither). Owners are names from
 * the tree's own etc/passwd and etc/group; when the test may chown (root) the files get those ids,
 * otherwise the tree reports them through {@link NodeTree#withOwners}, so that the test runs alike
 * as any user.
 */
final class NodeFixtures {
  private NodeFixtures() {}

  static final List<String> TREES = List.of("kubeadm-1.32", "hardened", "misconfigured", "worker");

  static Path resources() {
    URL url = NodeFixtures.class.getResource("/node");
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The tree, materialized under {@code dir}; {@code chown} tries real ownership first. */
  static NodeTree materialize(String name, Path dir, boolean chown) throws IOException {
    Path src = resources().resolve(name);
    Path dst = dir.resolve(name);
    try (Stream<Path> all = Files.walk(src)) {
      for (Path p : all.toList()) {
        Path to = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
    Map<String, Integer> uids = ids(dst.resolve("etc/passwd"));
    Map<String, Integer> gids = ids(dst.resolve("etc/group"));
    Map<String, NodeTree.Owner> owners = new HashMap<>();
    boolean canChown = chown;
    for (String line :
        Files.readAllLines(resources().resolve(name + ".modes"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      Path p = dst.resolve(f[0]);
      Files.setAttribute(p, "unix:mode", Integer.parseInt(f[1], 8), LinkOption.NOFOLLOW_LINKS);
      NodeTree.Owner owner = new NodeTree.Owner(uids.get(f[2]), gids.get(f[3]));
      if (canChown) {
        try {
          Files.setAttribute(p, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(p, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
          continue;
        } catch (IOException | SecurityException e) {
          canChown = false;
        }
      }
      owners.put(f[0], owner);
    }
    NodeTree tree = NodeTree.at(dst);
    return owners.isEmpty() ? tree : tree.withOwners(fillOwners(dst, owners));
  }

  /**
   * Without chown, every file the modes file does not name is still owned by the test's user:
   * report root for those, as a node's files are.
   */
  private static Map<String, NodeTree.Owner> fillOwners(Path dst, Map<String, NodeTree.Owner> named)
      throws IOException {
    Map<String, NodeTree.Owner> all = new HashMap<>();
    try (Stream<Path> files = Files.walk(dst)) {
      for (Path p : files.toList()) {
        String rel = dst.relativize(p).toString().replace('\\', '/');
        if (!rel.isEmpty()) {
          all.put(rel, named.getOrDefault(rel, new NodeTree.Owner(0, 0)));
        }
      }
    }
    return all;
  }

  private static Map<String, Integer> ids(Path file) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = l.split(":");
      if (f.length >= 3) {
        out.put(f[0], Integer.parseInt(f[2]));
      }
    }
    return out;
  }
}
