package dev.kordon.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster from Debian's binaries, in a temporary directory, on 127.0.0.1 and
 * an ephemeral port, with fsync off. As root it runs as the {@code postgres} user through setpriv
 * (PostgreSQL refuses root). Absent binaries skip the test with a note naming them.
 */
final class PostgresServer {
  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final String SETPRIV = "/usr/bin/setpriv";
  private final Path dir;
  private final Process process;
  private final int port;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /** Starts a cluster, or aborts the calling test with a visible note. */
  static PostgresServer startOrSkip() throws Exception {
    if (!Files.isExecutable(BIN.resolve("initdb"))
        || !Files.isExecutable(BIN.resolve("postgres"))) {
      String note = "PostgreSQL 15 not installed under " + BIN + ": skipping the PostgreSQL tests";
      System.err.println("NOTE: " + note);
      Assumptions.abort(note);
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root && !Files.isExecutable(Path.of(SETPRIV))) {
      String note = "running as root without " + SETPRIV + ": PostgreSQL cannot start; skipping";
      System.err.println("NOTE: " + note);
      Assumptions.abort(note);
    }
    Path dir = Files.createTempDirectory("kordon-pg");
    if (root) {
      run(List.of("chown", "postgres", dir.toString()));
    }
    Path data = dir.resolve("data");
    run(
        as(
            root,
            BIN.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "kordon",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                as(
                    root,
                    BIN.resolve("postgres").toString(),
                    "-D",
                    data.toString(),
                    "-p",
                    Integer.toString(port),
                    "-k",
                    dir.toString(),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "fsync=off",
                    "-c",
                    "full_page_writes=off"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("postgres.log").toFile())
            .start();
    PostgresServer server = new PostgresServer(dir, p, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Connection c = DriverManager.getConnection(server.url("postgres"))) {
        if (c.isValid(5)) {
          break;
        }
      } catch (SQLException e) {
        if (System.nanoTime() > deadline || !p.isAlive()) {
          server.close();
          throw new IllegalStateException(
              "PostgreSQL did not start: " + Files.readString(dir.resolve("postgres.log")), e);
        }
        Thread.sleep(100);
      }
    }
    return server;
  }

  private static List<String> as(boolean root, String... command) {
    List<String> out = new ArrayList<>();
    if (root) {
      // setpriv execs the command itself, so stopping the process stops PostgreSQL
      out.addAll(List.of(SETPRIV, "--reuid=postgres", "--regid=postgres", "--clear-groups", "--"));
    }
    out.addAll(List.of(command));
    return out;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=kordon";
  }

  /** A new empty database; its JDBC URL. */
  String newDatabase() throws SQLException {
    String name = "kordon_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
