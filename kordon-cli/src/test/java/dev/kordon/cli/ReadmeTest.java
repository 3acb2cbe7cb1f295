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
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void thePolicyFileExampleParses(@TempDir Path policyDir) throws Exception {
    Matcher m =
        Pattern.compile(
                "```yaml\\n(apiVersion: kordon.dev/v1alpha1\\nkind: AdmissionPolicy\\n.*?)```",
                Pattern.DOTALL)
            .matcher(readme());
    assertThat(m.find()).as("the README shows an AdmissionPolicy").isTrue();
    // the files it names, next to it as the policy file would have them
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(ec.generateKeyPair().getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    Files.writeString(policyDir.resolve("cosign.pub"), pem);
    AdmissionPolicy policy = PolicyFile.parse("README.md", m.group(1), policyDir);
    assertThat(policy).isNotNull();
  }
}
