package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.admission.AdmissionPolicy;
import dev.kordon.admission.PolicyFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README is the first thing a user reads: its examples must be true. */
class ReadmeTest {

  private static final Path README = Path.of("..", "README.md");

  private static String readme() throws IOException {
    return Files.readString(README, StandardCharsets.UTF_8);
  }

  @Test
  void quickStartIsTheTwoCommands() throws IOException {
    String text = readme();
    assertThat(text).contains("./kordon scan examples/").contains("./mvnw verify");
  }

  @Test
  void everyCommandIsToured() throws IOException {
    String text = readme();
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    var cli = Main.commandLine(new Io(System.in, sink, sink, false, Map.of()));
    for (String command : cli.getSubcommands().keySet()) {
      assertThat(text).as("README mentions `kordon %s`", command).contains("kordon " + command);
    }
  }

  @Test
  void thePolicyFileExampleParses() throws IOException {
    Matcher m =
        Pattern.compile(
                "```yaml\\n(apiVersion: kordon.dev/v1alpha1\\nkind: AdmissionPolicy\\n.*?)```",
                Pattern.DOTALL)
            .matcher(readme());
    assertThat(m.find()).as("the README shows an AdmissionPolicy").isTrue();
    AdmissionPolicy policy = PolicyFile.parse("README.md", m.group(1), Path.of("."));
    assertThat(policy).isNotNull();
  }
}
