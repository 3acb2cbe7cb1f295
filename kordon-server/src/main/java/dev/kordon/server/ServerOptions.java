package dev.kordon.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@code kordon serve} listens and what it keeps.
 *
 * @param tlsCert PEM certificate chain; with {@code tlsKey}, the server speaks HTTPS only
 * @param maxUploadBytes the largest report body accepted (413 beyond)
 * @param keep how long reports are kept; empty keeps them all
 */
public record ServerOptions(
    String host,
    int port,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    long maxUploadBytes,
    Optional<Duration> keep) {

  public static final long DEFAULT_MAX_UPLOAD = 64L * 1024 * 1024;

  public ServerOptions {
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (maxUploadBytes < 1024) {
      throw new IllegalArgumentException("the upload limit must be at least 1 KiB");
    }
  }

  public boolean tls() {
    return tlsCert.isPresent();
  }

  /** A loopback listener on an ephemeral port, plain HTTP: for tests. */
  public static ServerOptions loopback() {
    return new ServerOptions(
        "127.0.0.1", 0, Optional.empty(), Optional.empty(), DEFAULT_MAX_UPLOAD, Optional.empty());
  }
}
