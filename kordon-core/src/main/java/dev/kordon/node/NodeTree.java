package dev.kordon.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A node's filesystem rooted at a directory (the host mounted at {@code /host}). Paths are the
 * node's own, relative to the root ({@code etc/kubernetes/admin.conf}); an absolute path a flag
 * names is taken on the node, so under the root. Symbolic links are followed only while they stay
 * inside the root: kubeadm links certificates, and a hostile link must not make Kordon read the
 * machine it runs on.
 */
public final class NodeTree {

  /** Config files, manifests and unit files are small; a larger one is refused unread. */
  public static final long MAX_FILE_BYTES = 4L << 20;

  private static final int MAX_LINKS = 40;

  private final Path root;
  private final Map<String, Owner> ownerOverrides;

  /** A file's numeric owner, for trees whose files cannot be chowned (tests as non-root). */
  public record Owner(int uid, int gid) {}

  private NodeTree(Path root, Map<String, Owner> ownerOverrides) {
    this.root = root;
    this.ownerOverrides = Map.copyOf(ownerOverrides);
  }

  public static NodeTree at(Path root) {
    return new NodeTree(root.toAbsolutePath().normalize(), Map.of());
  }

  /**
   * The same tree where the files named (node paths) report these owners instead of the ones on
   * disk: a test fixture applies its owners this way when the test cannot chown.
   */
  public NodeTree withOwners(Map<String, Owner> owners) {
    return new NodeTree(root, owners);
  }

  public Path root() {
    return root;
  }

  /** A node path in its canonical form: no leading slash, no dot segments. */
  public static String normalize(String nodePath) {
    List<String> parts = new ArrayList<>();
    for (String seg : nodePath.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(seg);
    }
    return String.join("/", parts);
  }

  /** Where a node path leads after following links inside the root. */
  public sealed interface Resolved permits Found, Missing, Escapes {}

  /** The file exists at this node path (links resolved) and this real path. */
  public record Found(String nodePath, Path real) implements Resolved {}

  /** Nothing exists at the path. */
  public record Missing(String nodePath) implements Resolved {}

  /** A link leads out of the root (or loops); it is not followed. */
  public record Escapes(String nodePath, String link, String target) implements Resolved {}

  /** Resolves a node path component by component, following links only inside the root. */
  public Resolved resolve(String nodePath) {
    List<String> pending = new ArrayList<>(List.of(normalize(nodePath).split("/")));
    pending.removeIf(String::isEmpty);
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String seg = pending.remove(0);
      if (seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      done.add(seg);
      Path p = root.resolve(String.join("/", done));
      if (Files.isSymbolicLink(p)) {
        String here = String.join("/", done);
        if (++links > MAX_LINKS) {
          return new Escapes(normalize(nodePath), here, "(too many links)");
        }
        String target;
        try {
          target = Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
          return new Missing(normalize(nodePath));
        }
        done.remove(done.size() - 1);
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> next = new ArrayList<>(List.of(target.split("/")));
        next.removeIf(String::isEmpty);
        // a relative link climbing above the root escapes it
        int depth = done.size();
        for (String t : next) {
          if (t.equals("..")) {
            if (--depth < 0) {
              return new Escapes(normalize(nodePath), here, target);
            }
          } else if (!t.equals(".")) {
            depth++;
          }
        }
        next.addAll(pending);
        pending = next;
      } else if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return new Missing(normalize(nodePath));
      }
    }
    return new Found(String.join("/", done), root.resolve(String.join("/", done)));
  }

  /** Mode and owner of a file, with the owner resolved through the tree's own accounts. */
  public Optional<FileFacts> stat(String nodePath, Accounts accounts) {
    if (!(resolve(nodePath) instanceof Found f)) {
      return Optional.empty();
    }
    try {
      Map<String, Object> attrs =
          Files.readAttributes(f.real(), "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
      int mode = ((Integer) attrs.get("mode")) & 07777;
      int uid = (Integer) attrs.get("uid");
      int gid = (Integer) attrs.get("gid");
      Owner override = ownerOverrides.get(f.nodePath());
      if (override == null) {
        override = ownerOverrides.get(normalize(nodePath));
      }
      if (override != null) {
        uid = override.uid();
        gid = override.gid();
      }
      return Optional.of(
          new FileFacts(
              normalize(nodePath),
              Files.isDirectory(f.real(), LinkOption.NOFOLLOW_LINKS),
              mode,
              uid,
              gid,
              accounts.user(uid),
              accounts.group(gid)));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** The outcome of reading a file. */
  public sealed interface Read permits Text, Absent, Unreadable {}

  public record Text(String nodePath, String text) implements Read {}

  public record Absent(String nodePath) implements Read {}

  /** The file exists but could not be read; {@code why} names the missing permission or cap. */
  public record Unreadable(String nodePath, String why) implements Read {}

  /** Reads a small text file, capped at {@link #MAX_FILE_BYTES}. */
  public Read read(String nodePath) {
    Resolved r = resolve(nodePath);
    if (r instanceof Missing m) {
      return new Absent(m.nodePath());
    }
    if (r instanceof Escapes e) {
      return new Unreadable(
          e.nodePath(),
          "not followed: the link " + e.link() + " -> " + e.target() + " leaves the node root");
    }
    Found f = (Found) r;
    if (Files.isDirectory(f.real())) {
      return new Unreadable(f.nodePath(), "is a directory");
    }
    try (InputStream in = Files.newInputStream(f.real())) {
      byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        return new Unreadable(
            f.nodePath(), "larger than " + (MAX_FILE_BYTES >> 20) + " MiB, not read");
      }
      return new Text(f.nodePath(), new String(bytes, StandardCharsets.UTF_8));
    } catch (AccessDeniedException e) {
      return new Unreadable(f.nodePath(), "permission denied: Kordon needs read permission on it");
    } catch (NoSuchFileException e) {
      return new Absent(f.nodePath());
    } catch (IOException e) {
      return new Unreadable(f.nodePath(), "cannot be read: " + e.getClass().getSimpleName());
    }
  }

  /** Whether the file exists and Kordon may read it (without reading it). */
  public Read probe(String nodePath) {
    Resolved r = resolve(nodePath);
    if (r instanceof Missing m) {
      return new Absent(m.nodePath());
    }
    if (r instanceof Escapes e) {
      return new Unreadable(
          e.nodePath(),
          "not followed: the link " + e.link() + " -> " + e.target() + " leaves the node root");
    }
    Found f = (Found) r;
    if (!Files.isReadable(f.real())) {
      return new Unreadable(f.nodePath(), "permission denied: Kordon needs read permission on it");
    }
    return new Text(f.nodePath(), "");
  }

  /** The entries of a directory (node paths), sorted; empty when absent or unreadable. */
  public List<String> list(String nodePath) {
    if (!(resolve(nodePath) instanceof Found f) || !Files.isDirectory(f.real())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(f.real())) {
      return s.map(p -> f.nodePath() + "/" + p.getFileName()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Whether the node path names a directory (after links). */
  public boolean isDirectory(String nodePath) {
    return resolve(nodePath) instanceof Found f && Files.isDirectory(f.real());
  }
}
