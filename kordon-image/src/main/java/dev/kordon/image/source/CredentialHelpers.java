package dev.kordon.image.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs Docker credential helpers ({@code docker-credential-NAME get}) as the Docker client does:
 * the server address on standard input, {@code {"ServerURL","Username","Secret"}} on standard
 * output. Only helpers named by the user's own Docker config are run, never one named by a scanned
 * input; the executable is looked up on the given {@code PATH}, and a helper that does not answer
 * within the timeout is killed.
 */
public final class CredentialHelpers {

  /** Docker's message when a helper has nothing for that server. */
  static final String NOT_FOUND = "credentials not found";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_OUTPUT = 64 * 1024;

  private final String path;
  private final Duration timeout;

  /**
   * @param env the environment whose {@code PATH} is searched
   * @param timeout how long one {@code get} may take
   */
  public CredentialHelpers(Map<String, String> env, Duration timeout) {
    this.path = env.getOrDefault("PATH", "");
    this.timeout = timeout;
  }

  /** Helpers on the process's own PATH, 30 seconds each. */
  public static CredentialHelpers fromEnvironment() {
    return new CredentialHelpers(System.getenv(), Duration.ofSeconds(30));
  }

  /**
   * The credentials the helper holds for {@code server}, or none when it says it has none.
   *
   * @throws IOException naming the helper when it is missing, fails, times out or answers nonsense
   */
  public Optional<DockerConfig.Credentials> get(String helper, String server) throws IOException {
    String program = "docker-credential-" + helper;
    if (!NAME.matcher(helper).matches()) {
      throw new IOException("credential helper name '" + helper + "' is not a plain name");
    }
    Path executable = locate(program);
    Process p;
    try {
      p =
          new ProcessBuilder(executable.toString(), "get")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new IOException(program + " could not be started: " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = p.getInputStream()) {
                return in.readNBytes(MAX_OUTPUT);
              } catch (IOException e) {
                return new byte[0];
              }
            });
    try {
      try (OutputStream in = p.getOutputStream()) {
        in.write(server.getBytes(StandardCharsets.UTF_8));
      } catch (IOException helperClosedStdin) {
        // it answers from what it read, or fails below
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(
            program + " get did not answer within " + timeout.toSeconds() + " s for " + server);
      }
      String text =
          new String(out.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8)
              .strip();
      if (p.exitValue() != 0) {
        if (text.contains(NOT_FOUND)) {
          return Optional.empty();
        }
        throw new IOException(
            program + " get failed for " + server + " (exit " + p.exitValue() + ")" + detail(text));
      }
      return Optional.of(parse(program, server, text));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(program + " interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      throw new IOException(program + " get: its output could not be read", e);
    }
  }

  /** The helper's first output line, shortened: its own error message, never a secret. */
  private static String detail(String text) {
    if (text.isEmpty() || text.startsWith("{")) {
      return "";
    }
    String line = text.lines().findFirst().orElse("");
    return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
  }

  private static DockerConfig.Credentials parse(String program, String server, String text)
      throws IOException {
    JsonNode n;
    try {
      n = JsonMapper.builder().build().readTree(text);
    } catch (JacksonException e) {
      throw new IOException(program + " get answered something that is not JSON for " + server);
    }
    String user = n.path("Username").asString("");
    String secret = n.path("Secret").asString("");
    if (user.equals("<token>")) {
      throw new IOException(
          program
              + " holds an identity token for "
              + server
              + "; Kordon needs a user name and password or registry token");
    }
    if (user.isEmpty() && secret.isEmpty()) {
      throw new IOException(program + " get answered without Username or Secret for " + server);
    }
    return new DockerConfig.Credentials(user, secret);
  }

  private Path locate(String program) throws IOException {
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IOException(
        program + " (named by the Docker config's credsStore or credHelpers) is not on PATH");
  }
}
