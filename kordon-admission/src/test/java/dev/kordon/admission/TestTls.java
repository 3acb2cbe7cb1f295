package dev.kordon.admission;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A CA and a serving certificate for 127.0.0.1, and a client context trusting only that CA. */
record TestTls(Certificates.ServingSet set, SSLContext client) {

  static TestTls generate(Certificates.KeyType type, Certificates.KeyFormat format) {
    Certificates.ServingSet set =
        new Certificates()
            .forNames(
                "kordon-test-ca",
                List.of("localhost"),
                List.of("127.0.0.1"),
                Duration.ofDays(1),
                type,
                format,
                Instant.now());
    return new TestTls(set, clientContext(set.ca().certificatePem()));
  }

  AdmissionServer.Tls serverTls() {
    return new AdmissionServer.Tls(set.serving().certificatePem(), set.serving().privateKeyPem());
  }

  static SSLContext clientContext(String caPem) {
    try {
      X509Certificate ca =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
