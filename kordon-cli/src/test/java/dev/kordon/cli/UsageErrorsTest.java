package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * What a new user types wrong in the first hour gets one line that says what was wrong and what was
 * probably meant, exit code 2, and never a Java exception's text.
 */
class UsageErrorsTest {

  static final String EXAMPLES = ReportDoorTest.EXAMPLES;

  @TempDir Path tmp;

  static void assertNoJava(CliRun r) {
    assertThat(r.err()).doesNotContain("Exception", "\tat ", "java.", "picocli");
  }

  @Test
  void aMisspelledOptionSuggestsTheRightOne() {
    CliRun r = CliRun.of("scan", EXAMPLES, "--fial-on", "high");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "kordon: unknown option '--fial-on'; did you mean '--fail-on'?\n"
                + "Try 'kordon scan --help'.\n");
  }

  @Test
  void aMisspelledOptionWithItsValueAttachedNamesTheOptionOnly() {
    CliRun r = CliRun.of("scan", EXAMPLES, "--fial-on=high");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("kordon: unknown option '--fial-on'; did you mean '--fail-on'?\n");
  }

  @Test
  void aMisspelledOptionOfASubcommandSuggestsFromThatSubcommand() {
    CliRun r = CliRun.of("rbac", "who-can", "get", "secrets", "--nmae", "x", EXAMPLES);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "kordon: unknown option '--nmae'; did you mean '--name'?\n"
                + "Try 'kordon rbac who-can --help'.\n");
  }

  @Test
  void anOptionNothingLikeAnyOtherGetsNoGuess() {
    CliRun r = CliRun.of("scan", EXAMPLES, "--zebra");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("kordon: unknown option '--zebra'\nTry 'kordon scan --help'.\n");
    assertThat(CliRun.of("scan", "-x", EXAMPLES).err()).startsWith("kordon: unknown option '-x'\n");
  }

  @Test
  void aMisspelledCommandSuggestsTheRightOne() {
    CliRun r = CliRun.of("scna", EXAMPLES);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("kordon: unknown command 'scna'; did you mean 'scan'?\nTry 'kordon --help'.\n");
    assertThat(CliRun.of("netpol", "matrx", EXAMPLES).err())
        .isEqualTo(
            "kordon: unknown command 'matrx'; did you mean 'matrix'?\n"
                + "Try 'kordon netpol --help'.\n");
    assertThat(CliRun.of("rbac", "who-cna").err())
        .startsWith("kordon: unknown command 'who-cna'; did you mean 'who-can'?\n");
  }

  @Test
  void anExtraArgumentIsNamed() {
    CliRun r = CliRun.of("controls", "list", "extra");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("kordon: unexpected argument 'extra'\nTry 'kordon controls list --help'.\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "controls", "rbac", "netpol", "policy", "admission"})
  void aCommandWithoutItsSubcommandPrintsItsUsageOnceAndExitsWith2(String group) {
    String[] args = group.isEmpty() ? new String[0] : new String[] {group};
    CliRun r = CliRun.of(args);
    String name = group.isEmpty() ? "kordon" : "kordon " + group;
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("Usage: " + name + " [-hV] [COMMAND]\n").contains("Commands:");
    assertThat(r.err().split("Usage: ", -1)).hasSize(2);
    assertThat(r.err()).doesNotContain("Try '", "kordon: ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.kordon.cli.ReportDoorTest#commands")
  void anUnknownFormatListsTheCommandsFormatsWithoutJavaText(String name, List<String> base) {
    List<String> args = new ArrayList<>(base);
    args.addAll(List.of("--format", "nonsense"));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("kordon: --format nonsense is not a format (use table, json")
        .endsWith(")\nTry 'kordon " + name + " --help'.\n");
    assertNoJava(r);
  }

  @Test
  void theFormatCheckCoversEveryCommandThatHasAFormat() {
    TreeSet<String> withFormat = new TreeSet<>();
    collect(
        Main.commandLine(new Io(System.in, System.out, System.err, false, Map.of())), withFormat);
    TreeSet<String> covered = new TreeSet<>();
    ReportDoorTest.commands().map(a -> (String) a.get()[0]).forEach(covered::add);
    assertThat(covered).isEqualTo(withFormat);
  }

  private static void collect(CommandLine c, TreeSet<String> withFormat) {
    if (c.getCommandSpec().findOption("--format") != null) {
      withFormat.add(ReportOptions.commandName(c.getCommandSpec()));
    }
    c.getSubcommands().values().forEach(s -> collect(s, withFormat));
  }

  static Stream<Arguments> unwritable() {
    return Stream.of(
        Arguments.of("scan", List.of("scan", EXAMPLES)),
        Arguments.of("rbac risks", List.of("rbac", "risks", EXAMPLES)),
        Arguments.of("controls list", List.of("controls", "list")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unwritable")
  void aDirectoryAsOutputIsRefusedWithTheReason(String name, List<String> base) {
    CliRun r = run(base, tmp.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).endsWith("kordon: cannot write " + tmp + ": it is a directory\n");
    assertNoJava(r);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unwritable")
  void anOutputUnderAFileIsRefusedWithTheReason(String name, List<String> base) throws IOException {
    Path file = Files.writeString(tmp.resolve("plain.txt"), "x");
    Path output = file.resolve("sub").resolve("report.json");
    CliRun r = run(base, output.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .endsWith("kordon: cannot write " + output + ": " + file + " is not a directory\n");
    assertThat(Files.readString(file)).isEqualTo("x");
    assertNoJava(r);
  }

  @Test
  void anOutputTheSystemRefusesSaysTheSystemsReason() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    CliRun r = run(List.of("scan", EXAMPLES), "/proc/x.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).endsWith("kordon: cannot write /proc/x.json: no such file or directory\n");
    assertNoJava(r);
  }

  @Test
  void aParentThatCannotBeCreatedIsNamed() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    CliRun r = run(List.of("rbac", "risks", EXAMPLES), "/proc/kordon-test/x.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .endsWith(
            "kordon: cannot write /proc/kordon-test/x.json: no such file or directory"
                + " (/proc/kordon-test)\n");
    assertNoJava(r);
  }

  @Test
  void aMissingParentThatCanBeCreatedIsCreated() throws IOException {
    Path output = tmp.resolve("a").resolve("b").resolve("report.json");
    CliRun r = run(List.of("controls", "list"), output.toString(), "--format", "json");
    assertThat(r.code()).isEqualTo(0);
    assertThat(Files.readString(output)).contains("KOR-0001");
  }

  private static CliRun run(List<String> base, String output, String... more) {
    List<String> args = new ArrayList<>(base);
    args.addAll(List.of("--output", output));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void anUnknownVerbIsRefusedWithTheVerbsOfKubernetes() {
    CliRun r = CliRun.of("rbac", "who-can", "gett", "secrets", EXAMPLES);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "kordon: unknown verb 'gett'; did you mean 'get'? (verbs: get, list, watch, create,"
                + " update, patch, delete, deletecollection; special: use, bind, escalate,"
                + " impersonate, approve, sign, attest; --custom-verb allows another)\n"
                + "Try 'kordon rbac who-can --help'.\n");
  }

  @Test
  void aUrlPathTakesTheVerbsOfAnHttpMethod() {
    CliRun r = CliRun.of("rbac", "who-can", "list", "/metrics", EXAMPLES);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "kordon: unknown verb 'list' (verbs of a URL path: get, post, put, patch, delete,"
                + " head; --custom-verb allows another)\n");
    assertThat(CliRun.of("rbac", "who-can", "get", "/metrics", EXAMPLES).code()).isZero();
  }

  @Test
  void specialVerbsAndTheWildcardNeedNoFlag() {
    assertThat(CliRun.of("rbac", "who-can", "impersonate", "groups", EXAMPLES).code()).isZero();
    assertThat(CliRun.of("rbac", "who-can", "escalate", "clusterroles", EXAMPLES).code()).isZero();
    CliRun all = CliRun.of("rbac", "who-can", "*", "*", EXAMPLES);
    assertThat(all.code()).isZero();
    assertThat(all.out()).contains("cluster-admin");
  }

  @Test
  void aCustomVerbIsAnsweredWhenAskedForExplicitly() {
    CliRun r = CliRun.of("rbac", "who-can", "frobnicate", "widgets", "--custom-verb", EXAMPLES);
    assertThat(r.code()).isZero();
    // examples/ holds two versions of the shop: stderr carries only the notes on those copies
    assertThat(r.err().lines())
        .allMatch(l -> l.startsWith("kordon: note: ") && l.contains("also defined"));
    assertThat(r.out()).startsWith("Who can frobnicate widgets").contains("system:masters");
  }

  @Test
  void anEscapeInAMistypedWordNeverReachesTheTerminal() {
    CliRun r = CliRun.of("rbac", "who-can", "g\u001b[31met", "secrets", EXAMPLES);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("kordon: unknown verb 'g?[31met'").doesNotContain("\u001b");
    assertThat(CliRun.of("scan", "--\u001b[2Jx", EXAMPLES).err()).doesNotContain("\u001b");
  }

  @Test
  void typosAreFoundByEditDistanceWithSwapsCountingOnce() {
    assertThat(Typos.distance("fial", "fail")).isEqualTo(1);
    assertThat(Typos.distance("scna", "scan")).isEqualTo(1);
    assertThat(Typos.distance("gett", "get")).isEqualTo(1);
    assertThat(Typos.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Typos.nearest("--fial-on", List.of("--fail-on", "--framework", "--format")))
        .containsExactly("--fail-on");
    assertThat(Typos.nearest("--zebra", List.of("--fail-on", "--framework"))).isEmpty();
    assertThat(Typos.nearest("-x", List.of("-n", "-f"))).isEmpty();
    assertThat(Typos.nearest("list", List.of("post", "put"))).isEmpty();
    assertThat(Typos.nearest("--nmae", List.of("--name", "--namespace"))).containsExactly("--name");
  }
}
