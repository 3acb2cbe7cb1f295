package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the server is set up: PKCS#8, PKCS#1 (RSA) and SEC 1 (EC) PEM keys, certificate rotation, a
 * separate metrics port, the connection limit.
 */
class ServerSetupTest {

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
            AdmissionServer.Options.defaults()
                .withAddress("127.0.0.1", 0)
                .withWarmUp(Duration.ZERO),
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
            AdmissionServer.Options.defaults()
                .withAddress("127.0.0.1", 0)
                .withWarmUp(Duration.ZERO),
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

  @org.junit.jupiter.api.Test
  void connectionsBeyondTheLimitAreClosed() throws Exception {
    TestTls tls = TestTls.generate(Certificates.KeyType.EC_P256, Certificates.KeyFormat.PKCS8);
    PolicyReloader policy =
        PolicyReloader.load(Optional.empty(), RuleSource.NONE, ReviewerTest.CLOCK, s -> {});
    try (AdmissionServer server =
        AdmissionServer.start(
            tls.serverTls(),
            policy,
            AdmissionServer.Options.defaults()
                .withAddress("127.0.0.1", 0)
                .withWarmUp(Duration.ZERO)
                .withMaxConnections(2),
            s -> {})) {
      javax.net.ssl.SSLSocket a = open(tls, server.port());
      javax.net.ssl.SSLSocket b = open(tls, server.port());
      try {
        assertThat(health(a)).startsWith("HTTP/1.1 200");
        assertThat(health(b)).startsWith("HTTP/1.1 200");
        try (javax.net.ssl.SSLSocket c = open(tls, server.port())) {
          assertThat(health(c)).doesNotStartWith("HTTP/1.1 200");
        }
      } finally {
        a.close();
      }
      // the slot is free again once the server has seen the close
      String got = "";
      for (int i = 0; i < 50 && !got.startsWith("HTTP/1.1 200"); i++) {
        try (javax.net.ssl.SSLSocket d = open(tls, server.port())) {
          got = health(d);
        }
        Thread.sleep(50);
      }
      assertThat(got).startsWith("HTTP/1.1 200");
      b.close();
    }
  }

  private static javax.net.ssl.SSLSocket open(TestTls tls, int port) throws Exception {
    javax.net.ssl.SSLSocket s =
        (javax.net.ssl.SSLSocket) tls.client().getSocketFactory().createSocket("127.0.0.1", port);
    s.setSoTimeout(5000);
    return s;
  }

  /** Sends GET /healthz on a kept-alive connection; what came back first, or "" when closed. */
  private static String health(javax.net.ssl.SSLSocket s) {
    try {
      s.getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      byte[] buf = new byte[256];
      int n = s.getInputStream().read(buf);
      return n <= 0 ? "" : new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    } catch (java.io.IOException e) {
      return "";
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
            AdmissionServer.Options.defaults()
                .withAddress("127.0.0.1", 0)
                .withWarmUp(Duration.ZERO)
                .withMetricsPort(0),
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
