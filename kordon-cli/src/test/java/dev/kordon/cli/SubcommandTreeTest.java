package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A run builds only the subcommand it names; what it says must be what the whole tree says. */
class SubcommandTreeTest {

  static Stream<String> subcommands() {
    return HelpTextTest.root().getSubcommands().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("subcommands")
  void aSubcommandAloneHelpsAsInTheWholeTree(String name) {
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    Io io = io(whole);
    int wholeCode = Main.commandLine(io).execute(name, "--help");

    ByteArrayOutputStream alone = new ByteArrayOutputStream();
    int aloneCode = Main.run(new String[] {name, "--help"}, io(alone));

    assertThat(aloneCode).isEqualTo(wholeCode);
    assertThat(alone.toString(StandardCharsets.UTF_8))
        .isNotEmpty()
        .isEqualTo(whole.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutASubcommandTheUsageListsThemAll() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(new String[] {"--help"}, io(out));
    List<String> names = subcommands().toList();
    assertThat(names).hasSizeGreaterThan(10);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(names);
  }

  @Test
  void theVersionNeedsNoSubcommand() {
    ByteArrayOutputStream alone = new ByteArrayOutputStream();
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    assertThat(Main.run(new String[] {"--version"}, io(alone))).isZero();
    assertThat(Main.commandLine(io(whole)).execute("--version")).isZero();
    assertThat(alone.toString(StandardCharsets.UTF_8))
        .startsWith("kordon ")
        .isEqualTo(whole.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMisspeltSubcommandIsStillSuggested() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code =
        Main.run(
            new String[] {"scna", "examples"},
            new Io(
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                errStream,
                false,
                Map.of()));
    assertThat(code).isEqualTo(ExitCode.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("scan");
  }

  private static Io io(ByteArrayOutputStream out) {
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    return new Io(new ByteArrayInputStream(new byte[0]), print, print, false, Map.of());
  }
}
