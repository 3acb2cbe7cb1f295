package dev.kordon.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kordon.image.ImageReader;
import dev.kordon.image.layer.ImageLimits;
import dev.kordon.image.testing.Fixtures;
import dev.kordon.image.testing.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's token dance, against a small server that behaves like Docker Hub: a 401 with a
 * Bearer challenge, a token service that wants the user's basic credentials, then the API with the
 * token.
 */
class RegistryAuthTest {

  @TempDir Path tmp;

  HttpServer server;
  Path layout;
  String digest;
  final List<String> seen = new CopyOnWriteArrayList<>();

  static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));

  @BeforeEach
  void start() throws IOException {
    layout = tmp.resolve("layout");
    digest = TestImages.ociLayout(layout, "1", Fixtures.alpine());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/token",
        ex -> {
          seen.add("token " + ex.getRequestURI().getQuery());
          if (!BASIC.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, new byte[0], "application/json");
            return;
          }
          send(
              ex,
              200,
              "{\"token\":\"t0k3n\"}".getBytes(StandardCharsets.UTF_8),
              "application/json");
        });
    server.createContext(
        "/v2/",
        ex -> {
          if (!"Bearer t0k3n".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders()
                .add(
                    "WWW-Authenticate",
                    "Bearer realm=\"http://127.0.0.1:"
                        + server.getAddress().getPort()
                        + "/token\",service=\"test-registry\",scope=\"repository:team/app:pull\"");
            send(ex, 401, new byte[0], "application/json");
            return;
          }
          String path = ex.getRequestURI().getPath();
          String last = path.substring(path.lastIndexOf('/') + 1);
          if (path.startsWith("/v2/team/app/manifests/")) {
            String d = last.equals("1") ? digest : last;
            Path blob = layout.resolve("blobs/sha256/" + d.substring(7));
            if (!Files.exists(blob)) {
              send(ex, 404, new byte[0], "application/json");
              return;
            }
            send(ex, 200, Files.readAllBytes(blob), "application/vnd.oci.image.manifest.v1+json");
          } else if (path.startsWith("/v2/team/app/blobs/sha256:")) {
            Path blob = layout.resolve("blobs/sha256/" + last.substring(7));
            if (!Files.exists(blob)) {
              send(ex, 404, new byte[0], "application/json");
              return;
            }
            send(ex, 200, Files.readAllBytes(blob), "application/octet-stream");
          } else {
            send(ex, 404, new byte[0], "application/json");
          }
        });
    server.start();
  }

  static void send(HttpExchange ex, int code, byte[] body, String type) throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String ref() {
    return "127.0.0.1:" + server.getAddress().getPort() + "/team/app:1";
  }

  @Test
  void credentialsFromTheDockerConfigBuyABearerToken() throws Exception {
    Path config = tmp.resolve("config.json");
    Files.writeString(
        config,
        "{\"auths\":{\"127.0.0.1:"
            + server.getAddress().getPort()
            + "\":{\"auth\":\""
            + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8))
            + "\"}}}");
    ImageReader reader =
        new ImageReader(DockerConfig.load(config), Platform.DEFAULT, false, ImageLimits.DEFAULT);
    var inv = reader.read(ref());
    assertThat(inv.digest()).isEqualTo(digest);
    assertThat(inv.packages()).hasSize(3);
    assertThat(seen)
        .first()
        .asString()
        .contains("service=test-registry")
        .contains("scope=repository:team/app:pull");
  }

  @Test
  void aCredentialHelperOnPathBuysTheTokenToo() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path helper = bin.resolve("docker-credential-fake");
    Files.writeString(
        helper,
        "#!/bin/sh\nread server\n[ \"$server\" = 127.0.0.1:"
            + server.getAddress().getPort()
            + " ] || { echo 'credentials not found'; exit 1; }\n"
            + "echo '{\"ServerURL\":\"x\",\"Username\":\"alice\",\"Secret\":\"s3cret\"}'\n");
    Files.setPosixFilePermissions(
        helper, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path config = tmp.resolve("config.json");
    Files.writeString(config, "{\"credsStore\":\"fake\"}");
    DockerConfig creds =
        DockerConfig.load(
            config,
            new CredentialHelpers(
                java.util.Map.of("PATH", bin.toString()), java.time.Duration.ofSeconds(20)));
    ImageReader reader = new ImageReader(creds, Platform.DEFAULT, false, ImageLimits.DEFAULT);
    assertThat(reader.read(ref()).digest()).isEqualTo(digest);
  }

  @Test
  void aTagsDigestThroughTheTokenWithoutADigestHeaderIsTheManifestsHash() throws Exception {
    Path config = tmp.resolve("config.json");
    Files.writeString(
        config,
        "{\"auths\":{\"127.0.0.1:"
            + server.getAddress().getPort()
            + "\":{\"auth\":\""
            + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8))
            + "\"}}}");
    RegistryClient client =
        new RegistryClient(DockerConfig.load(config), false, java.time.Duration.ofSeconds(10));
    ImageRef ref = ImageRef.parse(ref());
    // this registry answers HEAD without Docker-Content-Digest: the manifest is fetched and hashed
    assertThat(client.digest(ref, "1")).hasValue(digest);
    assertThat(client.digest(ref, "sha256:" + "0".repeat(64))).isEmpty();
  }

  @Test
  void withoutCredentialsTheTokenServiceRefusesAndTheErrorSaysSo() {
    ImageReader reader =
        new ImageReader(DockerConfig.NONE, Platform.DEFAULT, false, ImageLimits.DEFAULT);
    assertThatThrownBy(() -> reader.read(ref()))
        .hasMessageContaining("team/app:1")
        .hasMessageContaining("token service answered 401")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }
}
