package dev.kordon.image.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code docker-registry} (the CNCF distribution server) started on 127.0.0.1 with storage
 * in a temporary folder, filled with {@code skopeo}. Tests skip with a visible note when either
 * tool is missing.
 */
public final class Registry implements AutoCloseable {

  public static final Path REGISTRY = Path.of("/usr/bin/docker-registry");
  public static final Path SKOPEO = Path.of("/usr/bin/skopeo");

  private final Process process;
  private final int port;
  private final Path dir;

  private Registry(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Skips the calling test, with a note on stderr, unless both tools are installed. */
  public static void assumeTools() {
    for (Path tool : new Path[] {REGISTRY, SKOPEO}) {
      if (!Files.isExecutable(tool)) {
        String note =
            tool
                + " is not installed: skipping the real-registry test (apt-get install docker-registry skopeo)";
        System.err.println("SKIPPED: " + note);
        Assumptions.abort(note);
      }
    }
  }

  public static Registry start(Path dir) throws IOException, InterruptedException {
    assumeTools();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("config.yml");
    Files.createDirectories(dir.resolve("storage"));
    Files.writeString(
        config,
        "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("storage")
            + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:"
            + port
            + "\n");
    Process p =
        new ProcessBuilder(REGISTRY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    Registry r = new Registry(p, port, dir);
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 100; i++) {
      try {
        HttpResponse<Void> res =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (res.statusCode() == 200) {
          return r;
        }
      } catch (IOException notYet) {
        // the server is still starting
      }
      if (!p.isAlive()) {
        throw new IOException(
            "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      Thread.sleep(100);
    }
    r.close();
    throw new IOException("docker-registry did not answer on port " + port);
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  /** Copies an image of an OCI layout into the registry, digests preserved. */
  public void push(Path layout, String tag, String repoAndTag)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                SKOPEO.toString(),
                "--insecure-policy",
                "copy",
                "--quiet",
                "--all",
                "--preserve-digests",
                "--dest-tls-verify=false",
                "oci:" + layout + ":" + tag,
                "docker://" + host() + "/" + repoAndTag)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("skopeo copy failed: " + out);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public Path dir() {
    return dir;
  }
}
