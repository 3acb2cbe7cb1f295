package dev.kordon.bench;

import dev.kordon.admission.AdmissionServer;
import dev.kordon.admission.Certificates;
import dev.kordon.admission.PolicyReloader;
import dev.kordon.admission.RuleSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook under load, in a process of its own: the default policy, a generated certificate,
 * {@code /validate} and {@code /noop} on 127.0.0.1. Writes {@code ca.pem}, {@code pid} (for the
 * client's reading of this process's CPU time) and then {@code port} into DIR (the port last, so
 * that a reader seeing it finds the others), and serves until its standard input closes.
 *
 * <p>Uses only API that older builds of kordon-admission have too, so that the same harness can
 * measure a build from before a change; {@code KORDON_TLS_ENGINE} ({@code auto}, {@code jdk},
 * {@code openssl}) and {@code KORDON_WARM_UP_SECONDS} (the server's warm-up budget) call the newer
 * options only when set.
 */
public final class AdmissionBenchServer {
  private AdmissionBenchServer() {}

  /** A CA and an EC P-256 serving certificate for 127.0.0.1, valid for a day. */
  static Certificates.ServingSet certificates() {
    return new Certificates()
        .forNames(
            "kordon-bench-ca",
            List.of("localhost"),
            List.of("127.0.0.1"),
            Duration.ofDays(1),
            Certificates.KeyType.EC_P256,
            Certificates.KeyFormat.PKCS8,
            Instant.now());
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Certificates.ServingSet certs = certificates();
    PolicyReloader policy =
        PolicyReloader.load(Optional.empty(), RuleSource.NONE, Clock.systemUTC(), s -> {});
    AdmissionServer.Options options =
        AdmissionServer.Options.defaults().withAddress("127.0.0.1", 0).withNoopEndpoint();
    // only when asked, so that builds from before the option still run here
    String engine = System.getenv("KORDON_TLS_ENGINE");
    if (engine != null && !engine.isBlank()) {
      options = options.withTlsEngine(dev.kordon.admission.TlsEngine.of(engine));
    }
    String warmUp = System.getenv("KORDON_WARM_UP_SECONDS");
    if (warmUp != null && !warmUp.isBlank()) {
      options = options.withWarmUp(Duration.ofSeconds(Long.parseLong(warmUp.trim())));
    }
    try (AdmissionServer server =
        AdmissionServer.start(
            new AdmissionServer.Tls(
                certs.serving().certificatePem(), certs.serving().privateKeyPem()),
            policy,
            options,
            System.err::println)) {
      Files.writeString(dir.resolve("ca.pem"), certs.ca().certificatePem(), StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve("pid"), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
      Path tmp = dir.resolve("port.tmp");
      Files.writeString(tmp, Integer.toString(server.port()), StandardCharsets.UTF_8);
      Files.move(tmp, dir.resolve("port"), StandardCopyOption.ATOMIC_MOVE);
      System.err.println(
          "admission bench server on 127.0.0.1:"
              + server.port()
              + ", "
              + Runtime.getRuntime().availableProcessors()
              + " processors");
      while (System.in.read() >= 0) {
        // serve until the parent closes our input
      }
    }
  }
}
