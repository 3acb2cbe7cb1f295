package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server starts with a PKCS#8, PKCS#1 (RSA) or SEC 1 (EC) PEM key and serves over it. */
class KeyFormatsTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"RSA_2048, TRADITIONAL", "RSA_2048, PKCS8", "EC_P256, PKCS8", "EC_P256, TRADITIONAL"})
  void servesWithKey(Certificates.KeyType type, Certificates.KeyFormat format) throws Exception {
    TestTls tls = TestTls.generate(type, format);
    String header = tls.set().serving().privateKeyPem().lines().findFirst().orElse("");
    assertThat(header)
        .isEqualTo(
            format == Certificates.KeyFormat.PKCS8
                ? "-----BEGIN PRIVATE KEY-----"
                : type == Certificates.KeyType.RSA_2048
                    ? "-----BEGIN RSA PRIVATE KEY-----"
                    : "-----BEGIN EC PRIVATE KEY-----");
    PolicyReloader policy =
        PolicyReloader.load(Optional.empty(), RuleSource.NONE, ReviewerTest.CLOCK, s -> {});
    try (AdmissionServer server =
        AdmissionServer.start(
            tls.serverTls(),
            policy,
            AdmissionServer.Options.defaults().withAddress("127.0.0.1", 0),
            s -> {})) {
      HttpClient client = HttpClient.newBuilder().sslContext(tls.client()).build();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/validate"))
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          Reviews.bytes(Reviews.review(Reviews.PRIVILEGED_POD, "a", "CREATE"))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"allowed\":false");
    }
  }

  @org.junit.jupiter.api.Test
  void rotatedCertificateIsServedToNewConnectionsWithoutRestart() throws Exception {
    TestTls first = TestTls.generate(Certificates.KeyType.EC_P256, Certificates.KeyFormat.PKCS8);
    TestTls second =
        TestTls.generate(Certificates.KeyType.RSA_2048, Certificates.KeyFormat.TRADITIONAL);
    java.util.concurrent.atomic.AtomicReference<AdmissionServer.Tls> source =
        new java.util.concurrent.atomic.AtomicReference<>(first.serverTls());
    java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    PolicyReloader policy =
        PolicyReloader.load(Optional.empty(), RuleSource.NONE, ReviewerTest.CLOCK, s -> {});
    try (AdmissionServer server =
        AdmissionServer.start(
            source::get,
            policy,
            AdmissionServer.Options.defaults().withAddress("127.0.0.1", 0),
            log::add)) {
      assertThat(handshake(first, server.port())).isTrue();
      assertThat(handshake(second, server.port())).isFalse();
      source.set(second.serverTls());
      server.reloadNow();
      assertThat(log).contains("TLS certificate reloaded");
      assertThat(handshake(second, server.port())).isTrue();
      assertThat(handshake(first, server.port())).isFalse();
      source.set(new AdmissionServer.Tls("garbage", "garbage"));
      server.reloadNow();
      assertThat(log).anyMatch(l -> l.startsWith("new TLS certificate rejected"));
      assertThat(handshake(second, server.port())).isTrue();
    }
  }

  private static boolean handshake(TestTls trusting, int port) throws Exception {
    try (javax.net.ssl.SSLSocket s =
        (javax.net.ssl.SSLSocket)
            trusting.client().getSocketFactory().createSocket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.startHandshake();
      return true;
    } catch (javax.net.ssl.SSLException e) {
      return false;
    }
  }

  @org.junit.jupiter.api.Test
  void metricsPortMovesHealthAndMetricsToPlainHttp() throws Exception {
    TestTls tls = TestTls.generate(Certificates.KeyType.EC_P256, Certificates.KeyFormat.PKCS8);
    PolicyReloader policy =
        PolicyReloader.load(Optional.empty(), RuleSource.NONE, ReviewerTest.CLOCK, s -> {});
    try (AdmissionServer server =
        AdmissionServer.start(
            tls.serverTls(),
            policy,
            AdmissionServer.Options.defaults().withAddress("127.0.0.1", 0).withMetricsPort(0),
            s -> {})) {
      HttpClient plain = HttpClient.newHttpClient();
      HttpResponse<String> metrics =
          plain.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("# TYPE kordon_admission_decisions_total counter");
      HttpResponse<String> onTls =
          HttpClient.newBuilder()
              .sslContext(tls.client())
              .build()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("https://127.0.0.1:" + server.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(onTls.statusCode()).isEqualTo(404);
    }
  }
}
