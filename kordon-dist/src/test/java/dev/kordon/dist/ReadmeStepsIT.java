package dev.kordon.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Install, deploy, CI" section followed step by step, as a user would type it, in a
 * fresh HOME: every shell line that needs no cluster runs, in order, and must succeed.
 */
class ReadmeStepsIT {

  private static final String VERSION = System.getProperty("kordon.version", "0.1.0-SNAPSHOT");
  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theInstallAndDeployStepsRunWithoutACluster(@TempDir Path home) throws Exception {
    String readme = Files.readString(CHECKOUT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("## Install, deploy, CI");
    assertThat(start).as("the README has the section").isPositive();
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    Matcher blocks = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(section);
    List<String> steps = new ArrayList<>();
    while (blocks.find()) {
      for (String line : blocks.group(1).split("\n")) {
        if (!line.isBlank() && !line.contains("needs a cluster")) {
          // the README names the release; this build's archive carries this build's version
          steps.add(line.replace("kordon-0.1.0", "kordon-" + VERSION));
        }
      }
    }
    assertThat(steps).hasSizeGreaterThanOrEqualTo(5);
    assertThat(steps.get(0)).contains("tar -xzf kordon-dist/target/");
    String script = "set -euo pipefail\n" + String.join("\n", steps) + "\n";
    Processes.Result r =
        Processes.run(
            CHECKOUT,
            Map.of("HOME", home.toString(), "XDG_CACHE_HOME", home.resolve(".cache").toString()),
            List.of("bash", "-c", script));
    assertThat(r.code()).as(script + r).isZero();
    assertThat(r.out()).contains("kordon " + VERSION).contains("KOR-0001");
    assertThat(home.resolve(".local/kordon-" + VERSION + "/bin/kordon")).isExecutable();
  }
}
