package dev.kordon.admission;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.Locale;

/**
 * Which TLS implementation encrypts the webhook's connections. OpenSSL (BoringSSL from
 * netty-tcnative, shipped for Linux x86_64 and aarch64) costs the server less CPU per request than
 * the JDK's {@code SSLEngine}; the JDK's engine serves wherever the native library cannot load
 * (another platform, a {@code noexec} temporary directory). {@link #AUTO} takes OpenSSL when it
 * loads; {@link #OPENSSL} refuses to start without it; {@link #JDK} never tries it.
 */
public enum TlsEngine {
  AUTO,
  JDK,
  OPENSSL;

  /**
   * The engine a server uses, what it logs at start, and the word of its metric.
   *
   * @param name {@code openssl} or {@code jdk}, the label of {@code kordon_admission_tls_engine}
   * @param description the start-up log's words, with the reason when {@code AUTO} fell back
   */
  public record Choice(String name, SSLEngineOptions options, String description) {}

  /**
   * The option's value as written on the command line: {@code auto}, {@code jdk}, {@code openssl}.
   */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code auto}, {@code jdk} or {@code openssl} (any case).
   *
   * @throws IllegalArgumentException for any other word
   */
  public static TlsEngine of(String word) {
    for (TlsEngine e : values()) {
      if (e.word().equalsIgnoreCase(word.trim())) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown TLS engine '" + word + "': use auto, jdk or openssl");
  }

  /**
   * Picks the engine; loads the native library the first time (netty-tcnative extracts it to {@code
   * java.io.tmpdir}).
   *
   * @throws IllegalStateException for {@link #OPENSSL} when the native library cannot load
   */
  public Choice choose() {
    if (this == JDK) {
      return jdk("the JDK's SSLEngine (--tls-engine=jdk)");
    }
    if (OpenSsl.isAvailable()) {
      return new Choice(
          "openssl",
          new OpenSSLEngineOptions().setSessionCacheEnabled(true),
          "OpenSSL ("
              + OpenSsl.versionString()
              + " from netty-tcnative, "
              + System.getProperty("os.name")
              + " "
              + System.getProperty("os.arch")
              + ")");
    }
    String why = String.valueOf(OpenSsl.unavailabilityCause());
    if (this == OPENSSL) {
      throw new IllegalStateException("--tls-engine=openssl: OpenSSL is unavailable: " + why);
    }
    return jdk("the JDK's SSLEngine (OpenSSL unavailable: " + why + ")");
  }

  private static Choice jdk(String description) {
    return new Choice("jdk", new JdkSSLEngineOptions(), description);
  }
}
