package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.cluster.testing.MockDiscovery;
import dev.kordon.server.Database;
import dev.kordon.server.Scope;
import dev.kordon.server.Tokens;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kordon serve --scan-cluster --every ...} against the fabric8 mock API server in CRUD mode:
 * the server scans the cluster of the kubeconfig on start, keeps the report under the cluster name,
 * and the API lists the cluster with it.
 */
@EnableKubernetesMockClient(crud = true)
class ServeScanClusterTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path dir;

  private void create(String yaml) {
    client.resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).create();
  }

  @Test
  void theServerScansTheClusterOnItsIntervalAndListsItsReport() throws Exception {
    MockDiscovery.serve(server, Set.of());
    create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: ops-admin}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects: [{kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}]
        """);
    create(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec:
          containers:
            - name: app
              image: registry.example.com/web:1.0
              securityContext: {privileged: true}
        """);
    Path kubeconfig = MockKubeconfig.write(dir, client.getMasterUrl().toString());
    String db = Database.h2FileUrl(dir.resolve("history"));
    String token;
    try (Database database = Database.open(db, Map.of())) {
      token = new Tokens(database).create("viewer", Scope.parseAll("read"), 1L);
    }

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    Io io =
        new Io(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            errStream,
            false,
            Map.of());
    CommandLine cl = ServeCommand.create(io);
    ServeCommand serve = cl.getCommand();
    AtomicInteger code = new AtomicInteger(-1);
    Thread running =
        new Thread(
            () ->
                code.set(
                    cl.execute(
                        "--db",
                        db,
                        "--listen",
                        "127.0.0.1:0",
                        "--scan-cluster",
                        "--every",
                        "1h",
                        "--cluster-name",
                        "mock-prod",
                        "--kubeconfig",
                        kubeconfig.toString())),
            "serve-under-test");
    running.start();
    try {
      String log = awaitLog(err, "cluster scan kept as report", running);
      assertThat(log).doesNotContain("cluster scan failed");
      Matcher port = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/").matcher(log);
      assertThat(port.find()).as(log).isTrue();
      String base = "http://127.0.0.1:" + port.group(1);

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> clusters =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/clusters"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(clusters.statusCode()).isEqualTo(200);
      JsonNode list = JsonMapper.builder().build().readTree(clusters.body()).path("clusters");
      assertThat(list.size()).as(clusters.body()).isEqualTo(1);
      JsonNode mock = list.get(0);
      assertThat(mock.path("name").stringValue()).isEqualTo("mock-prod");
      assertThat(mock.path("reports").intValue()).isEqualTo(1);
      assertThat(mock.path("latestReport").isNull() || mock.path("latestReport").isMissingNode())
          .as(clusters.body())
          .isFalse();
      // the privileged pod and the cluster-admin group were found in the mock cluster
      assertThat(mock.path("bySeverity").path("critical").intValue())
          .as(clusters.body())
          .isPositive();

      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/clusters/mock-prod"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.body())
          .contains("from serve")
          .containsPattern(
              "<tr id=\"rbac-clusterAdminEquivalent\"><th scope=\"row\">[^<]+</th><td"
                  + " class=\"num\">1</td>");
    } finally {
      serve.stop();
      running.join(Duration.ofSeconds(30).toMillis());
    }
    assertThat(running.isAlive()).isFalse();
    assertThat(code.get()).isZero();
  }

  /** Waits (at most two minutes: a loaded build machine) until the log has a line with text. */
  private static String awaitLog(ByteArrayOutputStream err, String text, Thread running)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      String log = err.toString(StandardCharsets.UTF_8);
      if (log.contains(text) || log.contains("cluster scan failed") || !running.isAlive()) {
        return log;
      }
      Thread.sleep(100);
    }
    return err.toString(StandardCharsets.UTF_8);
  }
}
