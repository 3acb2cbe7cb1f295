package dev.kordon.cli;

import dev.kordon.control.Catalog;
import dev.kordon.engine.Exceptions;
import dev.kordon.source.YamlTrees.ConfigException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --exceptions FILE}: the one declaration and load of the accepted-risks file, for every
 * command that runs the engine over controls ({@code scan}, {@code node}).
 */
final class ExceptionsOption {

  @Option(
      names = "--exceptions",
      paramLabel = "FILE",
      description = "YAML file of accepted risks (control, resource, reason, expires).")
  Path file;

  /**
   * The accepted risks, {@link Exceptions#NONE} without the option. A file that cannot be read or
   * names a control the catalog does not have is a usage error naming the file.
   */
  Exceptions load(CommandSpec spec, Catalog catalog) {
    if (file == null) {
      return Exceptions.NONE;
    }
    try {
      return Exceptions.load(file).requireKnownControls(id -> catalog.find(id).isPresent());
    } catch (ConfigException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
