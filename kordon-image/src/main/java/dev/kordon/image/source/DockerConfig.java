package dev.kordon.image.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registry credentials from {@code ~/.docker/config.json} ({@code auths.HOST.auth}, base64 of
 * {@code user:password}, and the credential helpers {@code credHelpers.HOST} and {@code
 * credsStore}), or from a pull secret's {@code .dockerconfigjson}. Helpers run only for the user's
 * own config: a pull secret that names one is read for its {@code auths} alone, since Kordon never
 * executes programs named by its inputs.
 */
public final class DockerConfig {

  /** A user name and a password or token; never printed. */
  public record Credentials(String user, String secret) {
    public String basic() {
      return Base64.getEncoder()
          .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Credentials[" + user + ", <redacted>]";
    }
  }

  /** The server address Docker hands a helper for Docker Hub. */
  static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  private final Map<String, Credentials> byHost;
  private final Map<String, String> helperByHost;
  private final String store;
  private final CredentialHelpers helpers;
  private final DockerConfig fallback;
  private final Map<String, Optional<Credentials>> fromHelpers = new HashMap<>();

  public DockerConfig(Map<String, Credentials> byHost) {
    this(byHost, Map.of(), "", null, null);
  }

  private DockerConfig(
      Map<String, Credentials> byHost,
      Map<String, String> helperByHost,
      String store,
      CredentialHelpers helpers,
      DockerConfig fallback) {
    this.byHost = Map.copyOf(byHost);
    this.helperByHost = Map.copyOf(helperByHost);
    this.store = store;
    this.helpers = helpers;
    this.fallback = fallback;
  }

  public static final DockerConfig NONE = new DockerConfig(Map.of());

  /** The user's config with the helpers on the process's PATH, or none when it is absent. */
  public static DockerConfig load(Path file) {
    return load(file, CredentialHelpers.fromEnvironment());
  }

  /**
   * The user's config, its credential helpers run by {@code helpers}; none when the file is absent
   * or unreadable.
   */
  public static DockerConfig load(Path file, CredentialHelpers helpers) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > (1 << 20)) {
        return NONE;
      }
      JsonNode root = JsonMapper.builder().build().readTree(Files.readString(file));
      Map<String, String> byHost = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : root.path("credHelpers").properties()) {
        String name = e.getValue().asString("");
        if (!name.isEmpty()) {
          byHost.put(host(e.getKey()), name);
        }
      }
      return new DockerConfig(
          auths(root), byHost, root.path("credsStore").asString(""), helpers, null);
    } catch (IOException | JacksonException | IllegalArgumentException e) {
      return NONE;
    }
  }

  /** The {@code auths} of a config or pull secret; its helpers, if it names any, are ignored. */
  public static DockerConfig parse(String json) {
    return new DockerConfig(auths(JsonMapper.builder().build().readTree(json)));
  }

  private static Map<String, Credentials> auths(JsonNode root) {
    Map<String, Credentials> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("auths").properties()) {
      String auth = e.getValue().path("auth").asString("");
      String user = e.getValue().path("username").asString("");
      String password = e.getValue().path("password").asString("");
      if (!auth.isEmpty()) {
        String decoded =
            new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0) {
          user = decoded.substring(0, colon);
          password = decoded.substring(colon + 1);
        }
      }
      if (!user.isEmpty()) {
        out.put(host(e.getKey()), new Credentials(user, password));
      }
    }
    return out;
  }

  /**
   * These credentials first, then {@code other}'s for the registries these do not cover: the
   * workload's pull secrets before the user's own config.
   */
  public DockerConfig orElse(DockerConfig other) {
    if (other == NONE) {
      return this;
    }
    DockerConfig chained = fallback == null ? other : fallback.orElse(other);
    return new DockerConfig(byHost, helperByHost, store, helpers, chained);
  }

  /** {@code https://index.docker.io/v1/} and friends name Docker Hub. */
  static String host(String key) {
    String h = key.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
    return h.equals("index.docker.io") || h.equals("registry-1.docker.io") ? "docker.io" : h;
  }

  /**
   * The credentials for a registry, as the Docker client picks them: a {@code credHelpers} entry
   * for the host, else the {@code credsStore} helper (falling back to {@code auths} when it has
   * nothing for the host), else {@code auths}.
   *
   * @throws IOException when a helper is missing, fails or times out (the message names it)
   */
  public Optional<Credentials> forRegistry(String registry) throws IOException {
    String host = host(registry);
    Optional<Credentials> found = Optional.empty();
    String helper = helperByHost.getOrDefault(host, store);
    if (helpers != null && !helper.isEmpty()) {
      found = fromHelper(helper, host);
    }
    if (found.isEmpty()) {
      found = Optional.ofNullable(byHost.get(host));
    }
    if (found.isEmpty() && fallback != null) {
      found = fallback.forRegistry(registry);
    }
    return found;
  }

  private synchronized Optional<Credentials> fromHelper(String helper, String host)
      throws IOException {
    Optional<Credentials> known = fromHelpers.get(host);
    if (known == null) {
      known = helpers.get(helper, host.equals("docker.io") ? DOCKER_HUB_SERVER : host);
      fromHelpers.put(host, known);
    }
    return known;
  }
}
