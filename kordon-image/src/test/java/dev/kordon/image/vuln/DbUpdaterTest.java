package dev.kordon.image.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db update} against a local HTTP server serving OSV-style archives built here. */
class DbUpdaterTest {

  @TempDir Path tmp;

  HttpServer server;
  final Map<String, byte[]> files = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] body = files.get(ex.getRequestURI().getPath());
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
          }
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/osv");
  }

  static byte[] zip(String... nameThenJson) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < nameThenJson.length; i += 2) {
        z.putNextEntry(new ZipEntry(nameThenJson[i]));
        z.write(nameThenJson[i + 1].getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static String record(String id, String modified) {
    return "{\"id\":\""
        + id
        + "\",\"modified\":\""
        + modified
        + "\",\"affected\":[{\"package\":"
        + "{\"ecosystem\":\"Debian:12\",\"name\":\"openssl\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
        + "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"3.0.13-1\"}]}]}]}";
  }

  @Test
  void archivesAreDownloadedWithProgressAndReadByScans() throws Exception {
    files.put(
        "/osv/Debian/all.zip",
        zip(
            "DSA-1.json",
            record("DSA-1", "2026-11-30T10:00:00Z"),
            "DSA-2.json",
            record("DSA-2", "2026-12-01T08:00:00Z")));
    Path db = tmp.resolve("db");
    List<Long> progress = new ArrayList<>();
    int[] records = {0};
    new DbUpdater(base(), db)
        .update(
            "Debian",
            new DbUpdater.Progress() {
              @Override
              public void update(String ecosystem, long done, long total) {
                progress.add(done);
                assertThat(total).isPositive();
              }

              @Override
              public void finished(String ecosystem, long bytes, int count) {
                records[0] = count;
              }
            });
    assertThat(records[0]).isEqualTo(2);
    assertThat(progress).isNotEmpty();
    OsvDatabase loaded = OsvDatabase.load(db);
    assertThat(loaded.records()).isEqualTo(2);
    assertThat(loaded.dataDate()).isEqualTo("2026-12-01T08:00:00Z");
    assertThat(loaded.lookup("Debian:12", "openssl")).hasSize(2);
  }

  @Test
  void aBrokenDownloadLeavesThePreviousDataInPlace() throws Exception {
    Path db = tmp.resolve("db");
    files.put("/osv/Debian/all.zip", zip("DSA-1.json", record("DSA-1", "2026-11-30T10:00:00Z")));
    DbUpdater updater = new DbUpdater(base(), db);
    updater.update("Debian", quiet());
    byte[] before = Files.readAllBytes(db.resolve("Debian/all.zip"));

    files.put(
        "/osv/Debian/all.zip",
        "<html>an error page, not a zip</html>".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> updater.update("Debian", quiet()))
        .hasMessageContaining("no OSV records");
    files.remove("/osv/Debian/all.zip");
    assertThatThrownBy(() -> updater.update("Debian", quiet())).hasMessageContaining("404");

    assertThat(Files.readAllBytes(db.resolve("Debian/all.zip"))).isEqualTo(before);
    try (var left = Files.list(db.resolve("Debian"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("all.zip", "updated.txt");
    }
  }

  static DbUpdater.Progress quiet() {
    return new DbUpdater.Progress() {
      @Override
      public void update(String ecosystem, long done, long total) {}

      @Override
      public void finished(String ecosystem, long bytes, int records) {}
    };
  }
}
