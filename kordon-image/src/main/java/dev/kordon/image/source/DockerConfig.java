package dev.kordon.image.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registry credentials from {@code ~/.docker/config.json} ({@code auths.HOST.auth}, base64 of
 * {@code user:password}), or from a pull secret's {@code .dockerconfigjson}. Credential helpers are
 * not run: Kordon never executes programs named by its inputs.
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

  private final Map<String, Credentials> byHost;

  public DockerConfig(Map<String, Credentials> byHost) {
    this.byHost = Map.copyOf(byHost);
  }

  public static final DockerConfig NONE = new DockerConfig(Map.of());

  /** The user's config, or none when it is absent or unreadable. */
  public static DockerConfig load(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > (1 << 20)) {
        return NONE;
      }
      return parse(Files.readString(file));
    } catch (IOException | JacksonException | IllegalArgumentException e) {
      return NONE;
    }
  }

  public static DockerConfig parse(String json) {
    JsonNode auths = JsonMapper.builder().build().readTree(json).path("auths");
    Map<String, Credentials> out = new java.util.HashMap<>();
    for (Map.Entry<String, JsonNode> e : auths.properties()) {
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
    return new DockerConfig(out);
  }

  /** {@code https://index.docker.io/v1/} and friends name Docker Hub. */
  static String host(String key) {
    String h = key.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
    return h.equals("index.docker.io") || h.equals("registry-1.docker.io") ? "docker.io" : h;
  }

  public Optional<Credentials> forRegistry(String registry) {
    return Optional.ofNullable(byHost.get(host(registry)));
  }
}
