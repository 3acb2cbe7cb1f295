package dev.kordon.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real process to its end and keeps what it printed. */
final class Processes {
  private Processes() {}

  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Result run(Path dir, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    return run(dir, env, false, command);
  }

  /** With {@code onlyEnv}, the process gets exactly {@code env}, nothing inherited. */
  static Result run(Path dir, Map<String, String> env, boolean onlyEnv, List<String> command)
      throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(command);
    if (onlyEnv) {
      cmd.set(0, absolute(cmd.get(0)));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    if (onlyEnv) {
      pb.environment().clear();
    }
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path err = java.nio.file.Files.createTempFile("kordon-dist", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    String errText = java.nio.file.Files.readString(err, StandardCharsets.UTF_8);
    java.nio.file.Files.delete(err);
    return new Result(p.exitValue(), out, errText);
  }

  static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
    return run(dir, Map.of(), command);
  }

  static String absolute(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (java.nio.file.Files.isExecutable(Path.of(d, tool))) {
        return Path.of(d, tool).toString();
      }
    }
    return tool;
  }

  /** Whether a command can be started at all (e.g. {@code tar}, {@code chroot}). */
  static boolean available(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (java.nio.file.Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
