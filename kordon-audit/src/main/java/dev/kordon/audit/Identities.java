package dev.kordon.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Which requesters are the cluster's own machinery, which may read Secrets, and which URL paths are
 * open to anonymous requests: data ({@code identities.yaml}), extended or replaced by a user file.
 * Judged by the user name of whoever made the request, never by namespace.
 */
public final class Identities {

  private final List<String> system;
  private final List<String> secretReaders;
  private final List<String> anonymousPaths;
  private final Matcher systemMatcher;
  private final Matcher secretMatcher;

  public Identities(List<String> system, List<String> secretReaders, List<String> anonymousPaths) {
    this.system = List.copyOf(system);
    this.secretReaders = List.copyOf(secretReaders);
    this.anonymousPaths = List.copyOf(anonymousPaths);
    this.systemMatcher = Matcher.of(this.system);
    this.secretMatcher = Matcher.of(this.secretReaders);
  }

  public List<String> system() {
    return system;
  }

  public List<String> secretReaders() {
    return secretReaders;
  }

  public List<String> anonymousPaths() {
    return anonymousPaths;
  }

  /** The built-in lists. */
  public static Identities builtIn() {
    try (InputStream in = Identities.class.getResourceAsStream("identities.yaml")) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "identities.yaml", null);
    } catch (IOException e) {
      throw new IllegalStateException("the built-in identities.yaml is missing", e);
    }
  }

  /**
   * The built-in lists with a user file's added, or replaced when it says {@code replace: true}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong in it
   */
  public static Identities withFile(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return parse(text, file.toString(), builtIn());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static Identities parse(String text, String name, Identities base) {
    LoadSettings settings =
        LoadSettings.builder().setMaxAliasesForCollections(10).setCodePointLimit(1 << 20).build();
    Object doc;
    try (Reader r = new java.io.StringReader(text)) {
      doc = new Load(settings).loadFromReader(r);
    } catch (RuntimeException | IOException e) {
      throw new IllegalArgumentException(name + ": not YAML: " + e.getMessage());
    }
    if (doc == null) {
      doc = Map.of();
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(name + ": expected a mapping of lists");
    }
    for (Object k : map.keySet()) {
      if (!List.of("system", "secretReaders", "anonymousPaths", "replace").contains(k)) {
        throw new IllegalArgumentException(
            name
                + ": unknown field "
                + k
                + " (known: system, secretReaders, anonymousPaths, replace)");
      }
    }
    boolean replace = Boolean.TRUE.equals(map.get("replace"));
    Identities start =
        base == null || replace ? new Identities(List.of(), List.of(), List.of()) : base;
    return new Identities(
        join(start.system(), list(map, "system", name)),
        join(start.secretReaders(), list(map, "secretReaders", name)),
        join(start.anonymousPaths(), list(map, "anonymousPaths", name)));
  }

  private static List<String> list(Map<?, ?> map, String key, String name) {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new IllegalArgumentException(name + ": " + key + " must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      if (!(o instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(name + ": " + key + " must be a list of strings");
      }
      out.add(s);
    }
    return out;
  }

  private static List<String> join(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    for (String s : b) {
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Whether the user is the cluster's own machinery. */
  public boolean isSystem(String user) {
    return systemMatcher.test(user);
  }

  public boolean readsSecrets(String user) {
    return secretMatcher.test(user);
  }

  /**
   * A person, as far as the log tells: neither a service account nor a {@code system:} identity nor
   * one of the system list.
   */
  public boolean isPerson(AuditEvent.Requester r) {
    return !r.isEmpty()
        && !r.name().startsWith("system:")
        && !isSystem(r.name())
        && r.groups().stream()
            .noneMatch(g -> g.equals("system:serviceaccounts") || g.equals("system:nodes"));
  }

  public boolean anonymousPathAllowed(String requestUri) {
    int q = requestUri.indexOf('?');
    String path = q < 0 ? requestUri : requestUri.substring(0, q);
    return anonymousPaths.contains(path);
  }

  /** The lists, split into exact names and prefixes once. */
  private record Matcher(java.util.Set<String> exact, List<String> prefixes) {
    static Matcher of(List<String> patterns) {
      java.util.Set<String> exact = new java.util.HashSet<>();
      List<String> prefixes = new ArrayList<>();
      for (String p : patterns) {
        if (p.endsWith("*")) {
          prefixes.add(p.substring(0, p.length() - 1));
        } else {
          exact.add(p);
        }
      }
      return new Matcher(java.util.Set.copyOf(exact), List.copyOf(prefixes));
    }

    boolean test(String user) {
      if (exact.contains(user)) {
        return true;
      }
      for (String p : prefixes) {
        if (user.startsWith(p)) {
          return true;
        }
      }
      return false;
    }
  }
}
