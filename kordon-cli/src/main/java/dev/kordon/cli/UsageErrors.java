package dev.kordon.cli;

import dev.kordon.report.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad usage as one line that says what was wrong (with the nearest option or command for a typo),
 * then where to read more; never a Java exception's text. Exit code 2.
 */
final class UsageErrors implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine c = e.getCommandLine();
    // the words came from the command line, which a script may have built from input
    String[] lines = message(e).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      c.getErr().println((i == 0 ? "kordon: " : "") + SafeText.line(lines[i]));
    }
    c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
    return ExitCode.ERROR;
  }

  /** The line after {@code kordon: }. */
  static String message(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
      return e.getMessage();
    }
    String word = u.getUnmatched().get(0);
    CommandSpec spec = u.getCommandLine().getCommandSpec();
    if (u.isUnknownOption()) {
      int eq = word.indexOf('=');
      word = eq > 0 ? word.substring(0, eq) : word;
      return "unknown option '" + word + "'" + suggestion(Typos.nearest(word, optionNames(spec)));
    }
    if (!spec.subcommands().isEmpty()) {
      return "unknown command '"
          + word
          + "'"
          + suggestion(Typos.nearest(word, spec.subcommands().keySet()));
    }
    return "unexpected argument '" + word + "'";
  }

  private static List<String> optionNames(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        names.addAll(List.of(o.names()));
      }
    }
    return names;
  }

  private static String suggestion(List<String> suggestions) {
    if (suggestions.isEmpty()) {
      return "";
    }
    if (suggestions.size() == 1) {
      return "; did you mean '" + suggestions.get(0) + "'?";
    }
    return "; did you mean one of "
        + suggestions.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "))
        + "?";
  }
}
