package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real process: the exit code reaches the shell through System.exit, output is UTF-8. */
class ProcessTest {

  @Test
  void realProcessExitsWithTheDocumentedCode(@TempDir Path dir) throws Exception {
    Path pod = dir.resolve("pod.yaml");
    Files.writeString(
        pod,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: caf\u00e9}\nspec:\n  containers:\n"
            + "    - {name: a, image: x, securityContext: {privileged: true}}\n");
    Process p = start(dir, "scan", pod.toString(), "--fail-on", "high");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(out).contains("Pod/default/caf\u00e9").doesNotContain("\u001b[");
  }

  @Test
  void internalErrorsPrintNoStackTraceWithoutVerbose(@TempDir Path dir) throws Exception {
    Path exceptions = dir.resolve("exceptions.yaml");
    Files.writeString(exceptions, "exceptions: [[[");
    Process p = start(dir, "scan", dir.toString(), "--exceptions", exceptions.toString());
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err).contains("exceptions.yaml").doesNotContain("\tat ");
  }

  private static Process start(Path dir, String... args) throws IOException {
    return new ProcessBuilder(CliJvm.command(List.of(), args))
        .directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
  }
}
