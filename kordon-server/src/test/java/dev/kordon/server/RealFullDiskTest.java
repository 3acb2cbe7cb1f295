package dev.kordon.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk for real: the database lives on an 8 MiB tmpfs that uploads fill. The upload that
 * does not fit gets a 503 saying nothing of it was kept; after space is freed and the server
 * restarted, every report acknowledged before is there and readable, and uploads work again. Needs
 * root with permission to mount (a container without CAP_SYS_ADMIN has not): skips with a note
 * otherwise.
 */
class RealFullDiskTest {
  @TempDir Path dir;
  private Path mountPoint;
  private boolean mounted;

  @BeforeEach
  void mount() throws Exception {
    mountPoint = dir.resolve("tiny");
    Files.createDirectories(mountPoint);
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    if (!ok) {
      System.err.println(
          "RealFullDiskTest skipped: cannot mount a tmpfs here (needs root and mount permission): "
              + out);
    }
    assumeTrue(ok, "cannot mount a tmpfs: " + out);
    mounted = true;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", "-l", mountPoint.toString())
          .start()
          .waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFullDiskRefusesTheUploadThatDoesNotFitAndLosesNothingBefore() throws Exception {
    Path data = mountPoint.resolve("data");
    Files.createDirectories(data);
    // most of the disk taken by something else, as on a real server; freed later
    Path filler = mountPoint.resolve("filler");
    Files.write(filler, new byte[5 * 1024 * 1024]);

    byte[] report = TestReports.bytes("insecure");
    int stored = 0;
    HttpResponse<String> refused = null;
    String token = null;
    try (ServerHarness s = new ServerHarness(data, 64L * 1024 * 1024)) {
      token = s.token("ci", "upload,read");
      for (int i = 0; i < 200 && refused == null; i++) {
        HttpResponse<String> r = s.upload("c" + i, report, token);
        if (r.statusCode() == 201) {
          stored++;
        } else {
          refused = r;
        }
      }
    } catch (RuntimeException closingAFullDatabase) {
      // closing may fail too: what counts is what the restart finds
    }
    assertThat(refused).as("the disk never filled: " + stored + " uploads fit").isNotNull();
    assertThat(stored).as("some uploads fit before the disk filled").isPositive();
    assertThat(refused.statusCode()).as(refused.body()).isIn(503, 507);
    assertThat(refused.body()).contains("nothing of it was kept");

    Files.delete(filler);
    try (ServerHarness s = new ServerHarness(data, 64L * 1024 * 1024)) {
      List<Views.ClusterSummary> clusters = s.history.clusters(Optional.empty());
      // every acknowledged upload is there, whole; the refused one left nothing
      assertThat(clusters).hasSize(stored);
      for (Views.ClusterSummary c : clusters) {
        assertThat(c.counts().total()).as(c.name()).isEqualTo(151);
        assertThat(c.reports()).isEqualTo(1);
      }
      assertThat(s.history.cluster("c" + stored, Optional.empty())).isEmpty();
      HttpResponse<String> page = s.get("/clusters/c0", token);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(s.upload("after", report, token).statusCode()).isEqualTo(201);
    }
  }
}
