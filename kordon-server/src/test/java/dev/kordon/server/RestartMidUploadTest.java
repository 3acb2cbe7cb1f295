package dev.kordon.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process is killed (SIGKILL, no shutdown hook) while an upload is halfway through its
 * transaction; the database opened again holds every report stored before, nothing of the
 * interrupted one, and takes the next upload as if the crash never happened.
 */
class RestartMidUploadTest {
  @TempDir Path dir;

  @Test
  void aKillDuringAnUploadLosesOnlyThatUpload() throws Exception {
    Path db = dir.resolve("history");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    CrashingServer.class.getName(),
                    db.toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String token = out.readLine().substring("token ".length());
      int port = Integer.parseInt(out.readLine().substring("port ".length()));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> first = http.send(upload(port, token, "insecure"), ofString());
      assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

      CompletableFuture<HttpResponse<String>> second =
          http.sendAsync(upload(port, token, "hardened"), ofString());
      assertThat(out.readLine()).isEqualTo("midway");
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(second).failsWithin(30, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly();
    }

    try (Database reopened = Database.open(Database.h2FileUrl(db), Map.of())) {
      History h = new History(reopened);
      Views.ClusterSummary c = h.cluster("prod", Optional.empty()).orElseThrow();
      assertThat(c.reports()).isEqualTo(1);
      assertThat(c.counts().total()).isEqualTo(151);
      assertThat(h.openFingerprints("prod")).hasSize(151);
      StoredReport next =
          h.store("prod", "scan", TestReports.parsed("hardened"), System.currentTimeMillis());
      assertThat(next.newFindings()).isEqualTo(3);
      assertThat(next.fixedFindings()).isEqualTo(150);
    }
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
  }

  private static HttpRequest upload(int port, String token, String report) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/reports?cluster=prod"))
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofByteArray(TestReports.bytes(report)))
        .build();
  }
}
