package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Control;
import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.report.JsonOutput;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The webhook over a real HTTPS listener on loopback, with a generated CA. */
class AdmissionServerTest {

  private static final String HEAD = "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\n";

  @TempDir static Path dir;
  static Path policyFile;
  static TestTls tls;
  static AdmissionServer server;
  static HttpClient client;
  static final List<String> LOG = new CopyOnWriteArrayList<>();

  /** Released by the test that holds a review in a slow rule. */
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  /**
   * A custom rule as kordon-rules would supply it: blocks for pods named "slow" (until released)
   * and throws for pods named "boom".
   */
  static final class TestRule implements PodControl {
    static final ControlInfo INFO =
        ControlInfo.builder("KOR-9001")
            .title("Test rule")
            .severity(Severity.LOW)
            .description("Blocks or fails on purpose.")
            .remediation("Rename the pod.")
            .kinds(PodSpecView.WORKLOAD_KINDS)
            .build();

    @Override
    public ControlInfo info() {
      return INFO;
    }

    @Override
    public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
      String name = pod.object().name();
      if (name.equals("slow")) {
        try {
          RELEASE.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (name.equals("boom")) {
        throw new IllegalStateException("rule exploded");
      }
      return List.of();
    }
  }

  static final RuleSource RULES =
      file -> {
        if (!file.getFileName().toString().equals("test-rules.yaml")) {
          throw new IllegalArgumentException(file + ": no such rule file");
        }
        return List.<Control>of(new TestRule());
      };

  @BeforeAll
  static void start() throws IOException {
    policyFile = dir.resolve("policy.yaml");
    Files.writeString(policyFile, HEAD + "rules: [test-rules.yaml]\n");
    tls = TestTls.generate(Certificates.KeyType.EC_P256, Certificates.KeyFormat.PKCS8);
    PolicyReloader policy =
        PolicyReloader.load(Optional.of(policyFile), RULES, ReviewerTest.CLOCK, LOG::add);
    AdmissionServer.Options options =
        AdmissionServer.Options.defaults()
            .withAddress("127.0.0.1", 0)
            .withTimeouts(Duration.ofMillis(800), Duration.ofMillis(1500), Duration.ofSeconds(30))
            .withPool(4, 64)
            .withWarmUp(Duration.ofSeconds(1));
    server = AdmissionServer.start(tls.serverTls(), policy, options, LOG::add);
    client =
        HttpClient.newBuilder()
            .sslContext(tls.client())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  static void stop() {
    RELEASE.countDown();
    if (server != null) {
      server.close();
    }
  }

  static URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }

  static HttpResponse<String> post(String path, byte[] body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode validate(ObjectNode review) throws Exception {
    HttpResponse<String> r = post("/validate?timeout=10s", Reviews.bytes(review));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode root = JsonOutput.mapper().readTree(r.body());
    assertThat(root.path("apiVersion").asString()).isEqualTo("admission.k8s.io/v1");
    assertThat(root.path("kind").asString()).isEqualTo("AdmissionReview");
    assertThat(root.path("response").path("uid").asString())
        .isEqualTo(Reviews.request(review).path("uid").asString());
    return root.path("response");
  }

  static HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void deniesPrivilegedPodAndDeploymentWithReadableMessage() throws Exception {
    JsonNode pod = validate(Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE"));
    assertThat(pod.path("allowed").asBoolean()).isFalse();
    assertThat(pod.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(pod.path("status").path("message").asString())
        .isEqualTo(
            "KOR-0001 container \"app\" sets securityContext.privileged: true\n"
                + "violates PodSecurity \"baseline:latest\": privileged (container \"app\" sets"
                + " securityContext.privileged: true (allowed: false or unset))");
    JsonNode deployment = validate(Reviews.review(Reviews.PRIVILEGED_DEPLOYMENT, "shop", "CREATE"));
    assertThat(deployment.path("allowed").asBoolean()).isFalse();
    assertThat(deployment.path("status").path("message").asString())
        .contains("KOR-0001 container \"api\"");
  }

  @Test
  void allowsCompliantPodWithoutWarnings() throws Exception {
    JsonNode r = validate(Reviews.review(Reviews.RESTRICTED_POD, "shop", "CREATE"));
    assertThat(r.path("allowed").asBoolean()).isTrue();
    assertThat(r.has("status")).isFalse();
    assertThat(r.has("warnings")).isFalse();
  }

  @Test
  void warnAndAuditModes() throws Exception {
    JsonNode r = validate(Reviews.review(Reviews.PLAIN_POD, "shop", "CREATE"));
    assertThat(r.path("allowed").asBoolean()).isTrue();
    assertThat(r.path("warnings").get(0).asString())
        .startsWith("would violate PodSecurity \"restricted:latest\": ");
    assertThat(r.path("auditAnnotations").path("pod-security-audit-violations").asString())
        .contains("runAsNonRoot");
  }

  @Test
  void dryRunAndDelete() throws Exception {
    ObjectNode dry = Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE");
    Reviews.request(dry).put("dryRun", true);
    assertThat(validate(dry).path("allowed").asBoolean()).isFalse();
    JsonNode delete = validate(Reviews.review(Reviews.PRIVILEGED_POD, "shop", "DELETE"));
    assertThat(delete.path("allowed").asBoolean()).isTrue();
  }

  @Test
  void malformedBodiesWrongMethodsAndUnknownPaths() throws Exception {
    HttpResponse<String> bad = post("/validate", "{\"kind\":".getBytes(StandardCharsets.UTF_8));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).startsWith("bad AdmissionReview: body is not valid JSON");
    HttpResponse<String> pod =
        post("/validate", Reviews.bytes(YamlTreesForTest.pod(Reviews.PLAIN_POD)));
    assertThat(pod.statusCode()).isEqualTo(400);
    assertThat(pod.body()).contains("expected kind AdmissionReview, got 'Pod'");
    assertThat(get("/validate").statusCode()).isEqualTo(405);
    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void healthReadinessAndMetrics() throws Exception {
    validate(Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE"));
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> m = get("/metrics");
    assertThat(m.headers().firstValue("content-type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    assertThat(m.body())
        .contains("# TYPE kordon_admission_decisions_total counter")
        .containsPattern(
            "kordon_admission_decisions_total\\{result=\"denied\",dry_run=\"false\"\\} [1-9]")
        .containsPattern(
            "kordon_admission_violations_total\\{control=\"KOR-0001\",mode=\"enforce\"\\} [1-9]")
        .contains("kordon_admission_violations_total{control=\"pss:privileged\",mode=\"enforce\"}")
        .contains("# TYPE kordon_admission_request_duration_seconds histogram")
        .contains("kordon_admission_request_duration_seconds_bucket{le=\"+Inf\"}")
        .containsPattern(
            "kordon_admission_http_requests_total\\{path=\"/validate\",code=\"200\"\\} [1-9]");
  }

  @Test
  void declaredOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
    String response =
        raw(
            "POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + (AdmissionServer.MAX_BODY_BYTES + 1)
                + "\r\n\r\n{",
            0);
    assertThat(response).startsWith("HTTP/1.1 413");
    assertThat(response).contains("request body larger than 3145728 bytes");
  }

  @Test
  void chunkedBodyIsCutOffAtTheLimit() throws Exception {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) ' ');
    String head = Integer.toHexString(chunk.length) + "\r\n";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < 3 * 16 + 2; i++) {
      body.write(head.getBytes(StandardCharsets.US_ASCII));
      body.write(chunk);
      body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    // a server of its own with a body deadline far above the time 3 MiB take through TLS on a
    // loaded machine: the class's server cuts bodies off at 0.8 s, which a loaded machine missed
    AdmissionServer.Options options =
        AdmissionServer.Options.defaults()
            .withAddress("127.0.0.1", 0)
            .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(60))
            .withWarmUp(Duration.ZERO);
    PolicyReloader policy =
        PolicyReloader.load(Optional.empty(), RuleSource.NONE, ReviewerTest.CLOCK, LOG::add);
    try (AdmissionServer patient =
        AdmissionServer.start(tls.serverTls(), policy, options, LOG::add)) {
      String response =
          raw(
              patient.port(),
              "POST /validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
              body.toByteArray());
      assertThat(response).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void slowClientTimesOut() throws Exception {
    long t0 = System.nanoTime();
    String response =
        raw("POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"kind\":", 0);
    assertThat(response).startsWith("HTTP/1.1 408");
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(700));
  }

  @Test
  void slowEvaluationDoesNotStallOthersAndTimesOutByFailureMode() throws Exception {
    ObjectNode slow =
        Reviews.review(
            Reviews.RESTRICTED_POD.replace("name: tidy", "name: slow"), "shop", "CREATE");
    CompletableFuture<HttpResponse<String>> pending =
        client.sendAsync(
            HttpRequest.newBuilder(uri("/validate"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Reviews.bytes(slow)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // while the slow review holds a worker, others are answered
    for (int i = 0; i < 5; i++) {
      assertThat(
              validate(Reviews.review(Reviews.RESTRICTED_POD, "shop", "CREATE"))
                  .path("allowed")
                  .asBoolean())
          .isTrue();
    }
    assertThat(pending).isNotDone();
    HttpResponse<String> late = pending.get(10, TimeUnit.SECONDS);
    JsonNode r = JsonOutput.mapper().readTree(late.body()).path("response");
    assertThat(r.path("allowed").asBoolean()).isFalse();
    assertThat(r.path("status").path("code").asInt()).isEqualTo(500);
    assertThat(r.path("status").path("message").asString())
        .isEqualTo(
            "kordon could not evaluate Pod/shop/slow: evaluation exceeded 1500 ms (denied:"
                + " failureMode is deny)");
    RELEASE.countDown();
  }

  @Test
  void failingRuleIsAnsweredByFailureModeAndTheServerGoesOn() throws Exception {
    ObjectNode boom =
        Reviews.review(
            Reviews.RESTRICTED_POD.replace("name: tidy", "name: boom"), "shop", "CREATE");
    JsonNode r = validate(boom);
    assertThat(r.path("allowed").asBoolean()).isFalse();
    assertThat(r.path("status").path("message").asString())
        .contains("control KOR-9001 failed: IllegalStateException: rule exploded");
    assertThat(LOG).anyMatch(l -> l.contains("review Pod/shop/boom failed"));
    assertThat(
            validate(Reviews.review(Reviews.RESTRICTED_POD, "shop", "CREATE"))
                .path("allowed")
                .asBoolean())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void modernTlsVersionsNegotiate(String protocol) throws Exception {
    try (SSLSocket s =
        (SSLSocket) tls.client().getSocketFactory().createSocket("127.0.0.1", server.port())) {
      s.setEnabledProtocols(new String[] {protocol});
      s.startHandshake();
      assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
    }
  }

  @Test
  void plaintextIsNotServed() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[64];
      int n;
      try {
        n = s.getInputStream().read(buf);
      } catch (IOException e) {
        n = -1;
      }
      String got = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
      assertThat(got).doesNotStartWith("HTTP/1.1 200");
    }
  }

  @Test
  void policyReloadKeepsThePreviousPolicyWhenTheNewOneIsInvalid() throws Exception {
    String base = HEAD + "rules: [test-rules.yaml]\n";
    try {
      ObjectNode plain = Reviews.review(Reviews.PLAIN_POD, "payments", "CREATE");
      assertThat(validate(plain).path("allowed").asBoolean()).isTrue();
      Files.writeString(
          policyFile,
          base
              + "podSecurity:\n  namespaces:\n    payments:\n"
              + "      pod-security.kubernetes.io/enforce: restricted\n");
      assertThat(server.reloadNow()).hasValue(true);
      assertThat(validate(plain).path("allowed").asBoolean()).isFalse();
      assertThat(LOG).anyMatch(l -> l.equals("policy reloaded from " + policyFile));

      Files.writeString(policyFile, base + "controls: {KOR-0001: block}\n");
      assertThat(server.reloadNow()).hasValue(false);
      assertThat(LOG)
          .anyMatch(
              l ->
                  l.startsWith(
                          "policy " + policyFile + " rejected, the previous policy stays in force")
                      && l.contains("mode must be enforce, warn, audit or off"));
      assertThat(validate(plain).path("allowed").asBoolean()).isFalse();
      assertThat(server.reloadNow()).isEmpty();
      assertThat(get("/metrics").body())
          .contains("kordon_admission_policy_reloads_total{result=\"rejected\"} 1");
    } finally {
      Files.writeString(policyFile, base);
      server.reloadNow();
    }
  }

  /** Sends raw bytes over TLS and returns what comes back until the server closes or 5 s pass. */
  static String raw(String head, int unused) throws IOException {
    return raw(head, new byte[0]);
  }

  static String raw(String head, byte[] body) throws IOException {
    return raw(server.port(), head, body);
  }

  static String raw(int port, String head, byte[] body) throws IOException {
    SSLContext ctx = tls.client();
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      try {
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // the server may close before the whole body is sent: read what it answered
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
        }
      } catch (IOException e) {
        // closed or timed out
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
