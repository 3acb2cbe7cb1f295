package dev.kordon.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts behind action.yml and .pre-commit-hooks.yaml, run here as GitHub and pre-commit would
 * run them, against the archive this build produced.
 */
class CiScriptsIT {

  private static final String VERSION = System.getProperty("kordon.version", "0.1.0-SNAPSHOT");
  private static final Path TARGET =
      Path.of(System.getProperty("kordon.dist.dir", "target")).toAbsolutePath();
  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

  private static Map<String, String> actionEnv(Path work, String failOn) {
    Map<String, String> env = new HashMap<>();
    env.put("INPUT_VERSION", VERSION);
    env.put("INPUT_PATHS", CHECKOUT.resolve("examples") + " " + CHECKOUT.resolve("deploy"));
    env.put("INPUT_FAIL_ON", failOn);
    env.put("INPUT_SARIF", work.resolve("kordon.sarif").toString());
    env.put("RUNNER_TEMP", work.toString());
    env.put("GITHUB_OUTPUT", work.resolve("output").toString());
    env.put("KORDON_ARCHIVE_URL", "file://" + TARGET.resolve("kordon-" + VERSION + ".tar.gz"));
    return env;
  }

  @Test
  void theActionScriptDownloadsScansAndHandsOnSarifAndTheExitCode(@TempDir Path work)
      throws Exception {
    assumeTrue(Processes.available("curl"), "curl is not installed: the action script needs it");
    Processes.Result r =
        Processes.run(
            work,
            actionEnv(work, "high"),
            List.of("bash", CHECKOUT.resolve("ci/github-action.sh").toString()));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("::error::Kordon found problems at or above high");
    assertThat(Files.readString(work.resolve("output")))
        .contains("sarif=" + work.resolve("kordon.sarif"))
        .contains("exit-code=1");
    assertThat(Files.readString(work.resolve("kordon.sarif")))
        .contains("\"version\" : \"2.1.0\"")
        .contains("KOR-0001")
        .contains("examples/insecure/");
  }

  @Test
  void theActionScriptRefusesAnArchiveWithTheWrongChecksum(@TempDir Path work) throws Exception {
    assumeTrue(Processes.available("curl"), "curl is not installed: the action script needs it");
    Map<String, String> env = actionEnv(work, "critical");
    env.put("INPUT_SHA256", "0".repeat(64));
    Processes.Result r =
        Processes.run(
            work, env, List.of("bash", CHECKOUT.resolve("ci/github-action.sh").toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("does not match the sha256");
  }

  @Test
  void thePreCommitHookScansTheStagedFilesWithTheInstalledKordon(@TempDir Path work)
      throws Exception {
    Processes.Result unpack =
        Processes.run(
            work,
            List.of("tar", "-xzf", TARGET.resolve("kordon-" + VERSION + ".tar.gz").toString()));
    assertThat(unpack.code()).as(unpack.toString()).isZero();
    Path hook = CHECKOUT.resolve("ci/pre-commit.sh");
    Map<String, String> env = Map.of("KORDON_HOME", work.resolve("kordon-" + VERSION).toString());
    Processes.Result bad =
        Processes.run(
            CHECKOUT,
            env,
            List.of(
                "bash",
                hook.toString(),
                "examples/insecure/web.yaml",
                "examples/insecure/rbac.yaml"));
    assertThat(bad.code()).as(bad.toString()).isEqualTo(1);
    Processes.Result good =
        Processes.run(CHECKOUT, env, List.of("bash", hook.toString(), "deploy/rbac.yaml"));
    assertThat(good.code()).as(good.toString()).isZero();
    Processes.Result missing =
        Processes.run(
            CHECKOUT,
            Map.of("PATH", "/usr/bin:/bin", "KORDON_HOME", work.resolve("nowhere").toString()),
            List.of("bash", hook.toString(), "deploy/rbac.yaml"));
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("kordon is not installed").contains("KORDON_HOME");
  }
}
