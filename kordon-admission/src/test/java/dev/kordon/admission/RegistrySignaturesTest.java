package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kordon.admission.signature.RegistryAccess;
import dev.kordon.image.sign.PublicKeys;
import dev.kordon.image.source.DockerConfig;
import dev.kordon.image.source.RegistryClient;
import dev.kordon.image.testing.Cosign;
import dev.kordon.image.testing.Fixtures;
import dev.kordon.image.testing.Registry;
import dev.kordon.image.testing.TestImages;
import dev.kordon.report.JsonOutput;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The webhook over HTTPS with signature rules, against registries on loopback: Debian's {@code
 * docker-registry} filled by {@code skopeo} with an image signed by a JDK-made key and an unsigned
 * one (skipped with a note when the tools are absent), and a registry that never answers.
 */
class RegistrySignaturesTest {

  static final TestTls TLS =
      TestTls.generate(Certificates.KeyType.EC_P256, Certificates.KeyFormat.PKCS8);

  @TempDir Path tmp;
  final List<String> log = new CopyOnWriteArrayList<>();

  static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        securityContext:
          runAsNonRoot: true
          seccompProfile: {type: RuntimeDefault}
        containers:
          - name: app
            image: %s
            securityContext:
              allowPrivilegeEscalation: false
              capabilities: {drop: [ALL]}
      """;

  Path policy(String registryHost, KeyPair key, String settings) throws Exception {
    Files.writeString(tmp.resolve("cosign.pub"), Cosign.pem(key.getPublic()));
    Path file = tmp.resolve("policy.yaml");
    Files.writeString(
        file,
        "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\nfailureMode: deny\n"
            + settings
            + "imageSignatures:\n"
            + "  - name: team\n"
            + "    images: ['"
            + registryHost
            + "/team/*']\n"
            + "    keys: [{file: cosign.pub}]\n");
    return file;
  }

  /** A server whose evaluation timeout is short: signature checks get their budget on top. */
  AdmissionServer server(Path policyFile, ImageSignatures signatures) {
    PolicyReloader reloader =
        PolicyReloader.load(
            Optional.of(policyFile), RuleSource.NONE, signatures, ReviewerTest.CLOCK, log::add);
    AdmissionServer.Options options =
        AdmissionServer.Options.defaults()
            .withAddress("127.0.0.1", 0)
            .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(30))
            .withPool(2, 16)
            // a short warm-up: enough that a cold first review meets the 500 ms evaluation timeout
            .withWarmUp(Duration.ofSeconds(1));
    return AdmissionServer.start(TLS.serverTls(), reloader, options, log::add);
  }

  static HttpClient client() {
    return HttpClient.newBuilder()
        .sslContext(TLS.client())
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  static JsonNode validate(AdmissionServer server, String image) throws Exception {
    HttpResponse<String> r =
        client()
            .send(
                HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + server.port() + "/validate"))
                    .timeout(Duration.ofSeconds(20))
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                            Reviews.bytes(Reviews.review(POD.formatted(image), "shop", "CREATE"))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JsonOutput.mapper().readTree(r.body()).path("response");
  }

  static String metrics(AdmissionServer server) throws Exception {
    return client()
        .send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static ImageSignatures signatures() {
    return ImageSignatures.create(
        RegistryAccess.of(new RegistryClient(DockerConfig.NONE, false, Duration.ofSeconds(10))));
  }

  @Test
  void aSignedImageIsAdmittedAndAnUnsignedOneDeniedNamingTheDigest() throws Exception {
    try (Registry registry = Registry.start(tmp.resolve("registry"))) {
      KeyPair key = Cosign.keyPair();
      Path signed = tmp.resolve("signed");
      String signedDigest =
          Cosign.signedLayout(signed, "1.0", Fixtures.alpine(), key, registry.host() + "/team/app");
      registry.push(signed, "1.0", "team/app:1.0");
      String sigTag = signedDigest.replace(':', '-') + ".sig";
      registry.push(signed, sigTag, "team/app:" + sigTag);
      Path unsigned = tmp.resolve("unsigned");
      String unsignedDigest = TestImages.ociLayout(unsigned, "2", Fixtures.debian());
      registry.push(unsigned, "2", "team/tool:2");

      try (ImageSignatures signatures = signatures();
          AdmissionServer server = server(policy(registry.host(), key, ""), signatures)) {
        String app = registry.host() + "/team/app:1.0";
        JsonNode ok = validate(server, app);
        assertThat(ok.path("allowed").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.path("auditAnnotations").path("image-signatures-verified").asString())
            .isEqualTo(
                app
                    + " = "
                    + signedDigest
                    + " signed by key "
                    + PublicKeys.fingerprint(key.getPublic()));

        String tool = registry.host() + "/team/tool:2";
        JsonNode denied = validate(server, tool);
        assertThat(denied.path("allowed").asBoolean()).isFalse();
        assertThat(denied.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(denied.path("status").path("message").asString())
            .isEqualTo(
                "image "
                    + tool
                    + " ("
                    + unsignedDigest
                    + "): no signature (no "
                    + unsignedDigest.replace(':', '-')
                    + ".sig tag); rule 'team' requires a signature by key "
                    + PublicKeys.fingerprint(key.getPublic()));

        // a second review of the signed image: the tag and the verdict come from the caches
        assertThat(validate(server, app).path("allowed").asBoolean()).isTrue();
        assertThat(metrics(server))
            .contains("kordon_admission_image_cache_total{cache=\"tag\",result=\"hit\"} 1")
            .contains("kordon_admission_image_cache_total{cache=\"signature\",result=\"hit\"} 1")
            .contains("kordon_admission_image_signature_checks_total{result=\"unsigned\"} 1")
            .contains("kordon_admission_image_signature_checks_total{result=\"verified\"} 2");
      }
    }
  }

  @Test
  void aRegistryThatNeverAnswersIsDecidedByTheFailureModeWithinTheBudget() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer stalled =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    stalled.setExecutor(Executors.newCachedThreadPool());
    stalled.createContext(
        "/",
        exchange -> {
          try {
            release.await(30, TimeUnit.SECONDS); // headers never come within the test
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    stalled.start();
    String host = "127.0.0.1:" + stalled.getAddress().getPort();
    try (ImageSignatures signatures = signatures();
        AdmissionServer server =
            server(
                policy(host, Cosign.keyPair(), "imageVerification:\n  budget: 700ms\n"),
                signatures)) {
      JsonNode r = validate(server, host + "/team/app:1.0");
      assertThat(r.path("allowed").asBoolean()).isFalse();
      assertThat(r.path("status").path("code").asInt()).isEqualTo(500);
      // the budget's answer, not the server's evaluation timeout (500 ms + 700 ms)
      assertThat(r.path("status").path("message").asString())
          .startsWith(
              "image "
                  + host
                  + "/team/app:1.0 (digest unknown): resolving the tag did not finish within the"
                  + " budget of 700 ms")
          .endsWith("(denied: failureMode is deny)");
      assertThat(metrics(server))
          .contains("kordon_admission_image_signature_checks_total{result=\"timed-out\"} 1");
    } finally {
      release.countDown();
      stalled.stop(0);
    }
  }
}
