package dev.kordon.cli;

import dev.kordon.model.Severity;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --fail-on SEVERITY}: the one declaration and parse of the exit threshold, for every
 * command whose result is findings.
 */
final class FailOnOption {

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description = "Exit with 1 when a finding is at or above: low, medium, high, critical.")
  String failOn;

  /** The threshold, empty when not given; an unknown word is a usage error naming the option. */
  Optional<Severity> threshold(CommandSpec spec) {
    if (failOn == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Severity.parse(failOn));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--fail-on: " + e.getMessage());
    }
  }
}
