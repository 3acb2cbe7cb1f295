package dev.kordon.image.vuln;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code kordon db update}: downloads OSV's per-ecosystem archives ({@code BASE/ECOSYSTEM/all.zip})
 * into the database folder. Each archive is written beside its final place, checked to be a zip of
 * JSON records, then moved over the old one atomically: a failed or interrupted update leaves the
 * previous data whole.
 */
public final class DbUpdater {

  public static final String DEFAULT_BASE = "https://osv-vulnerabilities.storage.googleapis.com";

  public static final List<String> DEFAULT_ECOSYSTEMS =
      List.of("Debian", "Ubuntu", "Alpine", "Maven", "npm", "PyPI");

  /** Told how far a download is; {@code total} is -1 when the server does not say. */
  public interface Progress {
    void update(String ecosystem, long done, long total);

    void finished(String ecosystem, long bytes, int records);
  }

  private final URI base;
  private final Path dir;
  private final HttpClient http;

  public DbUpdater(URI base, Path dir) {
    this.base = base;
    this.dir = dir;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
  }

  /** The folder {@code db update} fills and scans read when no {@code --vuln-db} is given. */
  public static Path defaultDir(java.util.Map<String, String> env) {
    String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
    Path cache = xdg.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
    return cache.resolve("kordon").resolve("osv");
  }

  public void update(String ecosystem, Progress progress) throws IOException {
    if (!ecosystem.matches("[A-Za-z0-9][A-Za-z0-9:._ -]{0,63}")) {
      throw new IOException("not an OSV ecosystem name: " + ecosystem);
    }
    Path target = dir.resolve(ecosystem.replace(':', '_')).resolve("all.zip");
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".download-", ".zip");
    try {
      URI uri =
          URI.create(
              base.toString().replaceFirst("/$", "")
                  + "/"
                  + java.net.URLEncoder.encode(ecosystem, java.nio.charset.StandardCharsets.UTF_8)
                      .replace("+", "%20")
                  + "/all.zip");
      HttpResponse<InputStream> r;
      try {
        r =
            http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      } catch (IOException e) {
        throw new IOException("cannot download " + uri + ": " + e.getMessage(), e);
      }
      long total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
      long done = 0;
      try (InputStream in = r.body();
          OutputStream out = Files.newOutputStream(tmp)) {
        if (r.statusCode() != 200) {
          throw new IOException(uri + " answered " + r.statusCode());
        }
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          out.write(buf, 0, n);
          done += n;
          progress.update(ecosystem, done, total);
        }
      }
      if (total >= 0 && done != total) {
        throw new IOException(uri + ": download truncated at " + done + " of " + total + " bytes");
      }
      int records = countRecords(tmp);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(target.getParent().resolve("updated.txt"), Instant.now().toString() + "\n");
      progress.finished(ecosystem, done, records);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads the archive through: a broken download never replaces good data. */
  static int countRecords(Path zip) throws IOException {
    int records = 0;
    try (InputStream raw = Files.newInputStream(zip);
        ZipInputStream in = new ZipInputStream(raw)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().endsWith(".json")) {
          records++;
        }
        in.transferTo(OutputStream.nullOutputStream());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("downloaded archive is not a valid zip: " + e.getMessage(), e);
    }
    if (records == 0) {
      throw new IOException("downloaded archive holds no OSV records");
    }
    return records;
  }
}
