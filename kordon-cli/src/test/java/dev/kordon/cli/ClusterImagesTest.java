package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kordon.cluster.testing.MockDiscovery;
import dev.kordon.image.testing.Fixtures;
import dev.kordon.image.testing.TestImages;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code scan --cluster --images}: a registry that wants Basic credentials, which only the
 * workload's imagePullSecret (read from the mock API server) holds.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterImagesTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path dir;
  HttpServer registry;
  Path layout;
  String digest;

  static final String PASSWORD = "s3cret-pull-password";
  static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  @BeforeEach
  void start() throws IOException {
    layout = dir.resolve("layout");
    digest = TestImages.ociLayout(layout, "1", Fixtures.alpine());
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext(
        "/v2/",
        ex -> {
          if (!BASIC.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
            send(ex, 401, new byte[0]);
            return;
          }
          String path = ex.getRequestURI().getPath();
          String last = path.substring(path.lastIndexOf('/') + 1);
          String d = last.equals("1") ? digest : last;
          Path blob =
              d.startsWith("sha256:") ? layout.resolve("blobs/sha256/" + d.substring(7)) : null;
          if (!path.startsWith("/v2/team/app/") || blob == null || !Files.exists(blob)) {
            send(ex, 404, new byte[0]);
            return;
          }
          ex.getResponseHeaders()
              .add(
                  "Content-Type",
                  path.contains("/manifests/")
                      ? "application/vnd.oci.image.manifest.v1+json"
                      : "application/octet-stream");
          send(ex, 200, Files.readAllBytes(blob));
        });
    registry.start();
    MockDiscovery.serve(server, Set.of());
  }

  static void send(HttpExchange ex, int code, byte[] body) throws IOException {
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
    registry.stop(0);
  }

  @Test
  void theWorkloadsPullSecretOpensThePrivateRegistry() throws Exception {
    String host = "127.0.0.1:" + registry.getAddress().getPort();
    String config =
        "{\"auths\":{\""
            + host
            + "\":{\"auth\":\""
            + Base64.getEncoder()
                .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8))
            + "\"}}}";
    client
        .secrets()
        .inNamespace("shop")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("regcred")
                .withNamespace("shop")
                .endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .addToData(
                    ".dockerconfigjson",
                    Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)))
                .build())
        .create();
    for (String pod :
        new String[] {
          pod("with-secret", host + "/team/app:1", "regcred"),
          pod("without-secret", host + "/team/app:1-nosecret", ""),
          pod("missing-secret", host + "/team/app:1-missing", "nosuch")
        }) {
      client.resource(Serialization.unmarshal(pod, GenericKubernetesResource.class)).create();
    }
    Path kubeconfig = MockKubeconfig.write(dir, client.getMasterUrl().toString());
    Path empty = dir.resolve("docker.json");
    Files.writeString(empty, "{}");

    CliRun run =
        CliRun.of(
            "scan",
            "--cluster",
            "--kubeconfig",
            kubeconfig.toString(),
            "--images",
            "--docker-config",
            empty.toString(),
            "--format",
            "json");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode root = JsonMapper.builder().build().readTree(run.out());
    // Alpine 3.20 is past its end of support: the pod whose secret opened the registry
    assertThat(root.path("findings").findValues("controlId").stream().map(JsonNode::asString))
        .containsOnlyOnce("KOR-0454");
    JsonNode eol =
        root.path("findings")
            .valueStream()
            .filter(f -> f.path("controlId").asString().equals("KOR-0454"))
            .findFirst()
            .orElseThrow();
    assertThat(eol.path("resource").path("name").asString()).isEqualTo("with-secret");
    assertThat(run.err())
        .contains("images: 3 distinct, 1 read, 2 unreadable")
        .contains(
            host + "/team/app:1-nosecret: cannot read the image (registry requires credentials")
        .contains("used by Pod shop/without-secret");
    assertThat(run.out() + run.err())
        .doesNotContain(PASSWORD)
        .doesNotContain(Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes()));
  }

  static String pod(String name, String image, String secret) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          namespace: shop
        spec:
          %s
          containers:
            - name: app
              image: %s
        """
        .formatted(
            name, secret.isEmpty() ? "" : "imagePullSecrets: [{name: " + secret + "}]", image);
  }
}
