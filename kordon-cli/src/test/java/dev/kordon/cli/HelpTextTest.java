package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code --help}, found by walking the command tree (so that a new command or
 * option is checked without being listed here), reads well in an 80-column terminal.
 */
class HelpTextTest {

  static final int WIDTH = 80;

  /** Options that do something only on some commands, and the commands that read them. */
  static final Map<String, Set<String>> READ_ONLY_BY =
      Map.of("--kubelet-config", Set.of("scan"), "--custom-verb", Set.of("rbac who-can"));

  static CommandLine root() {
    return Main.commandLine(new Io(System.in, System.out, System.err, false, Map.of()));
  }

  static Stream<Arguments> commands() {
    List<Arguments> all = new ArrayList<>();
    walk(root(), all);
    return all.stream();
  }

  private static void walk(CommandLine c, List<Arguments> all) {
    all.add(Arguments.of(c.getCommandSpec().qualifiedName(" "), c));
    c.getSubcommands().values().forEach(s -> walk(s, all));
  }

  static String help(CommandLine c, int width) {
    c.setUsageHelpWidth(width);
    try {
      return c.getUsageMessage(Ansi.OFF);
    } finally {
      c.setUsageHelpWidth(WIDTH);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void noLineIsWiderThan80Columns(String name, CommandLine c) {
    for (String line : help(c, WIDTH).split("\n")) {
      assertThat(line.length()).as("%s --help: %s", name, line).isLessThanOrEqualTo(WIDTH);
    }
  }

  /**
   * Picocli breaks long lines where Java's line breaker allows, which includes the middle of {@code
   * ~/.kube/config} or {@code policy.yaml}: the words at 80 columns must be the words of an
   * unwrapped rendering.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void noWordIsBrokenAcrossLines(String name, CommandLine c) {
    List<String> wide = Arrays.asList(help(c, 1000).trim().split("\\s+"));
    List<String> narrow = Arrays.asList(help(c, WIDTH).trim().split("\\s+"));
    List<String> broken = new ArrayList<>(narrow);
    broken.removeAll(wide);
    assertThat(broken).as("%s --help: pieces of broken words", name).isEmpty();
  }

  /**
   * A sentence is written as one string and wrapped by picocli, never cut by hand into strings that
   * each end mid-sentence; lines indented by hand (tables, lists) fit as they are.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void proseIsNotCutByHand(String name, CommandLine c) {
    List<String> lines = new ArrayList<>();
    lines.addAll(List.of(c.getCommandSpec().usageMessage().description()));
    lines.addAll(footerProse(c));
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith(" ")) {
        assertThat(line.length())
            .as("%s: indented line too wide: %s", name, line)
            .isLessThan(WIDTH);
      } else {
        assertThat(line).as("%s: a line that ends mid-sentence", name).matches("(?s).*[.:)]$");
      }
    }
  }

  private static List<String> footerProse(CommandLine c) {
    List<String> prose = new ArrayList<>();
    for (String line : c.getCommandSpec().usageMessage().footer()) {
      if (line.startsWith("Example")) {
        break;
      }
      prose.add(line);
    }
    return prose;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyCommandEndsWithExamplesOfItself(String name, CommandLine c) {
    List<String> footer = List.of(c.getCommandSpec().usageMessage().footer());
    int at =
        footer.indexOf("Examples:") >= 0 ? footer.indexOf("Examples:") : footer.indexOf("Example:");
    assertThat(at).as("%s: an Examples: section", name).isGreaterThanOrEqualTo(0);
    List<String> examples = footer.subList(at + 1, footer.size());
    assertThat(examples).as(name).isNotEmpty();
    String previous = "";
    for (String line : examples) {
      assertThat(line.length()).as("%s: an example wider than a terminal", name).isLessThan(WIDTH);
      if (previous.endsWith("\\")) {
        assertThat(line).as("%s: a continued example", name).startsWith("      ");
      } else {
        assertThat(line).as("%s: an example", name).startsWith("  ").contains(name + " ");
      }
      previous = line;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void theSynopsisShowsEveryOption(String name, CommandLine c) {
    String synopsis = c.getHelp().synopsis(0).replaceAll("\\s+", " ");
    for (OptionSpec o : c.getCommandSpec().options()) {
      if (o.hidden() || o.usageHelp() || o.versionHelp()) {
        continue;
      }
      boolean named =
          Arrays.stream(o.names())
              .anyMatch(
                  n ->
                      synopsis.matches(
                          "(?s).*[\\[ (|]" + java.util.regex.Pattern.quote(n) + "[= \\]|].*"));
      if (o.required()) {
        assertThat(named).as("%s: required %s in %s", name, o.longestName(), synopsis).isTrue();
      } else {
        assertThat(named || synopsis.contains("[OPTIONS]"))
            .as("%s: %s in %s", name, o.longestName(), synopsis)
            .isTrue();
      }
    }
  }

  @Test
  void optionsAppearOnlyWhereTheyAreRead() {
    Map<String, Set<String>> found = new TreeMap<>();
    commands()
        .forEach(
            a -> {
              CommandLine c = (CommandLine) a.get()[1];
              for (String option : READ_ONLY_BY.keySet()) {
                if (c.getCommandSpec().findOption(option) != null) {
                  found
                      .computeIfAbsent(option, k -> new TreeSet<>())
                      .add(ReportOptions.commandName(c.getCommandSpec()));
                }
              }
            });
    Map<String, Set<String>> expected = new TreeMap<>();
    READ_ONLY_BY.forEach((k, v) -> expected.put(k, new TreeSet<>(v)));
    assertThat(found).isEqualTo(expected);
  }

  /** The formats a command's help lists are the ones it accepts. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.kordon.cli.ReportDoorTest#commands")
  void theHelpListsTheFormatsTheCommandAccepts(String name, List<String> base) {
    List<String> args = new ArrayList<>(base);
    args.addAll(List.of("--format", "nonsense"));
    String refusal = CliRun.of(args.toArray(String[]::new)).err();
    String accepted = refusal.replaceFirst("(?s).*\\(use ([^)]*)\\).*", "$1");
    String formats =
        CliRun.of((name + " --help").split(" "))
            .out()
            .lines()
            .filter(l -> l.startsWith("Formats: "))
            .findFirst()
            .orElse("Formats: (none listed)");
    List<String> listed = new ArrayList<>();
    for (String item :
        formats.substring("Formats: ".length()).replaceAll("\\([^)]*\\)", "").split(",")) {
      listed.add(item.replaceFirst("\\.\\s*$", "").trim());
    }
    assertThat(String.join(", ", listed)).as(name + ": " + formats).isEqualTo(accepted);
  }
}
