package dev.kordon.cli;

import dev.kordon.netpol.Reachability;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kordon netpol matrix|explain|coverage|flows|suggest}: the NetworkPolicy analyzer. */
final class NetpolCommand {

  private NetpolCommand() {}

  static CommandLine create(Io io) {
    CommandLine cl = new CommandLine(new Group());
    cl.addSubcommand("matrix", new NetpolMatrixCommand(io));
    cl.addSubcommand("explain", new NetpolExplainCommand(io));
    cl.addSubcommand("coverage", new NetpolCoverageCommand(io));
    cl.addSubcommand("flows", new NetpolFlowsCommand(io));
    cl.addSubcommand("suggest", new NetpolSuggestCommand(io));
    return cl;
  }

  static final String INPUTS =
      "Pods are live Pod objects (with status.podIP), or one group per workload"
          + " template when the inputs hold no live pods.";

  @Command(
      name = "netpol",
      mixinStandardHelpOptions = true,
      description = {
        "Analyze NetworkPolicies: who can reach whom, what is unprotected, what observed"
            + " traffic says.",
        INPUTS
      },
      footer = {
        "",
        "Exit codes: 0 done, 1 the answer is \"no\" (explain: denied; flows: observed flows"
            + " would be denied; coverage --fail-on-gaps: gaps found), 2 bad usage or"
            + " unreadable input.",
        "",
        "Examples:",
        "  kordon netpol matrix k8s/ --ports 80,443",
        "  kordon netpol explain shop/web shop/db --port 5432 k8s/",
        "  kordon netpol coverage k8s/",
        "  kordon netpol flows observed.jsonl k8s/",
        "  kordon netpol suggest observed.jsonl k8s/ > policies.yaml"
      })
  static final class Group extends CommandGroup {}

  /** The inputs as a reachability model; the model's warnings go to standard error. */
  static Reachability reachability(AnalyzerCommand command) {
    Reachability reach = Reachability.of(command.read());
    for (String w : reach.model().warnings()) {
      command.io.err().println("kordon: warning: " + w);
    }
    return reach;
  }
}
