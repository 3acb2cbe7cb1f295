package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TLS engine: OpenSSL where the shipped native library loads, the JDK's engine when forced;
 * both negotiate only the configured protocols and suites; the start-up log and the metric say
 * which one serves; the warm-up reaches the loopback listener and leaves no trace in the metrics.
 */
class TlsEngineTest {

  private static final TestTls TLS =
      TestTls.generate(Certificates.KeyType.EC_P256, Certificates.KeyFormat.PKCS8);

  private static AdmissionServer start(TlsEngine engine, Duration warmUp, List<String> log) {
    PolicyReloader policy =
        PolicyReloader.load(Optional.empty(), RuleSource.NONE, ReviewerTest.CLOCK, s -> {});
    return AdmissionServer.start(
        TLS.serverTls(),
        policy,
        AdmissionServer.Options.defaults()
            .withAddress("127.0.0.1", 0)
            .withWarmUp(warmUp)
            .withTlsEngine(engine),
        log::add);
  }

  @Test
  void autoServesThroughOpenSslOnTheShippedPlatforms() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    assumeTrue(
        os.contains("linux") && List.of("amd64", "x86_64", "aarch64").contains(arch),
        "netty-tcnative is shipped for Linux x86_64 and aarch64 only; this is " + os + " " + arch);
    List<String> log = new CopyOnWriteArrayList<>();
    try (AdmissionServer server = start(TlsEngine.AUTO, Duration.ZERO, log)) {
      assertThat(server.tlsEngine()).isEqualTo("openssl");
      assertThat(log).anyMatch(l -> l.startsWith("TLS through OpenSSL (BoringSSL"));
      assertThat(server.metrics().render())
          .contains("kordon_admission_tls_engine{engine=\"openssl\"} 1\n");
    }
  }

  @Test
  void jdkWhenForced() {
    List<String> log = new CopyOnWriteArrayList<>();
    try (AdmissionServer server = start(TlsEngine.JDK, Duration.ZERO, log)) {
      assertThat(server.tlsEngine()).isEqualTo("jdk");
      assertThat(log).contains("TLS through the JDK's SSLEngine (--tls-engine=jdk)");
      assertThat(server.metrics().render())
          .contains("kordon_admission_tls_engine{engine=\"jdk\"} 1\n");
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "JDK, TLSv1.3, EC_P256",
    "JDK, TLSv1.2, EC_P256",
    "JDK, TLSv1.2, RSA_2048",
    "AUTO, TLSv1.3, EC_P256",
    "AUTO, TLSv1.2, EC_P256",
    "AUTO, TLSv1.2, RSA_2048"
  })
  void negotiatesOnlyTheConfiguredSuitesAndReviews(
      TlsEngine engine, String protocol, Certificates.KeyType keyType) throws Exception {
    TestTls tls =
        keyType == Certificates.KeyType.EC_P256
            ? TLS
            : TestTls.generate(keyType, Certificates.KeyFormat.PKCS8);
    PolicyReloader policy =
        PolicyReloader.load(Optional.empty(), RuleSource.NONE, ReviewerTest.CLOCK, s -> {});
    try (AdmissionServer server =
            AdmissionServer.start(
                tls.serverTls(),
                policy,
                AdmissionServer.Options.defaults()
                    .withAddress("127.0.0.1", 0)
                    .withWarmUp(Duration.ZERO)
                    .withTlsEngine(engine),
                s -> {});
        SSLSocket socket =
            (SSLSocket) tls.client().getSocketFactory().createSocket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
      assertThat(AdmissionServer.CIPHER_SUITES).contains(socket.getSession().getCipherSuite());
      String suite = socket.getSession().getCipherSuite();
      if (protocol.equals("TLSv1.2")) {
        assertThat(suite)
            .startsWith(
                keyType == Certificates.KeyType.EC_P256 ? "TLS_ECDHE_ECDSA_" : "TLS_ECDHE_RSA_");
      } else {
        assertThat(suite).doesNotContain("ECDHE");
      }

      byte[] body = Reviews.bytes(Reviews.review(Reviews.PRIVILEGED_POD, "a", "CREATE"));
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /validate HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                  + "content-length: "
                  + body.length
                  + "\r\nconnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 200").contains("\"allowed\":false");
    }
  }

  @Test
  void warmUpGoesOverLoopbackTlsAndIsNotCounted() {
    List<String> log = new CopyOnWriteArrayList<>();
    try (AdmissionServer server = start(TlsEngine.AUTO, Duration.ofSeconds(2), log)) {
      assertThat(log).anyMatch(l -> l.matches("warm-up in-process: [1-9][0-9]* reviews in .*"));
      assertThat(log)
          .anyMatch(l -> l.matches("warm-up over loopback TLS: [1-9][0-9]* reviews in .*"));
      // the synthetic requests went through the HTTP path, and the metrics start afresh
      String metrics = server.metrics().render();
      assertThat(metrics).doesNotContain("path=\"/validate\"");
      assertThat(metrics).doesNotContain("kordon_admission_decisions_total{");
    }
  }

  @Test
  void engineWords() {
    assertThat(TlsEngine.of("OpenSSL")).isEqualTo(TlsEngine.OPENSSL);
    assertThat(TlsEngine.of("jdk")).isEqualTo(TlsEngine.JDK);
    assertThat(TlsEngine.of(" auto ")).isEqualTo(TlsEngine.AUTO);
    assertThatThrownBy(() -> TlsEngine.of("gnutls"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown TLS engine 'gnutls': use auto, jdk or openssl");
  }
}
