package dev.kordon.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server on an H2 file database in a temporary directory, on 127.0.0.1 and an ephemeral port,
 * with a clock the test moves and a switch that makes the next stores fail as a full disk would.
 */
final class ServerHarness implements AutoCloseable {
  final Database db;
  final History history;
  final Tokens tokens;
  final KordonServer server;
  final AtomicLong clock = new AtomicLong(1_780_000_000_000L);
  final AtomicBoolean diskFull = new AtomicBoolean();
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  ServerHarness(Path dir, long maxUpload) throws SQLException {
    db = Database.open(Database.h2FileUrl(dir.resolve("history")), Map.of());
    history =
        new History(
            db,
            stage -> {
              if (diskFull.get() && stage.equals("findings")) {
                throw new SQLException("No space left on device");
              }
            });
    tokens = new Tokens(db);
    server =
        KordonServer.start(
            history,
            tokens,
            new ServerOptions(
                "127.0.0.1",
                0,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                maxUpload,
                java.util.Optional.empty()),
            clock::get,
            line -> {});
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  String token(String name, String scopes) throws SQLException {
    return tokens.create(name, Scope.parseAll(scopes), clock.get());
  }

  HttpResponse<String> upload(String cluster, byte[] body, String token)
      throws IOException, InterruptedException {
    clock.addAndGet(3_600_000L);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + "/api/v1/reports?cluster=" + cluster))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.close();
    db.close();
  }
}
