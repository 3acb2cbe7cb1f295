package dev.kordon.cli;

import dev.kordon.rbac.Subject;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kordon rbac who-can|can|risks|paths}: the RBAC analyzer from the command line. */
final class RbacCommand {

  private RbacCommand() {}

  static CommandLine create(Io io) {
    CommandLine cl = new CommandLine(new Group());
    cl.addSubcommand("who-can", new RbacWhoCanCommand(io));
    cl.addSubcommand("can", new RbacCanCommand(io));
    cl.addSubcommand("risks", new RbacRisksCommand(io));
    cl.addSubcommand("paths", new RbacPathsCommand(io));
    return cl;
  }

  @Command(
      name = "rbac",
      mixinStandardHelpOptions = true,
      description = "Who can do what, risky permissions and escalation paths, offline.",
      footer = {
        "",
        "Examples:",
        "  kordon rbac who-can create pods/exec -n prod cluster/",
        "  kordon rbac can serviceaccount:dev:ci cluster/",
        "  kordon rbac risks cluster/ --severity high",
        "  kordon rbac paths cluster/ --from user:alice --format dot"
      })
  static final class Group extends CommandGroup {}

  /** A subject as the user wrote it, or a usage error that says the expected forms. */
  static Subject subject(AnalyzerCommand command, String text) {
    return command.option(() -> Subject.parse(text), "");
  }
}
