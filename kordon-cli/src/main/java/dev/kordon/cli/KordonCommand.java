package dev.kordon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code kordon} command; the work is in its subcommands. */
@Command(
    name = "kordon",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Kubernetes security toolkit: scan, analyze, enforce.",
    footer = {
      "",
      "Examples:",
      "  kordon scan examples/",
      "  kordon scan deploy/ --format sarif --output kordon.sarif --fail-on high",
      "  kordon controls explain KOR-0001"
    })
final class KordonCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command (try 'kordon --help')");
  }
}
