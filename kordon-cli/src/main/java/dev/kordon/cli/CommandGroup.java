package dev.kordon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command whose work is in its subcommands ({@code kordon}, {@code kordon rbac}, ...). Called
 * alone, it prints its usage once to standard error and exits with 2, as git does.
 */
abstract class CommandGroup implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.ERROR;
  }
}
