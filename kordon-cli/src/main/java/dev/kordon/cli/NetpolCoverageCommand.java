package dev.kordon.cli;

import dev.kordon.netpol.Coverage;
import dev.kordon.netpol.CoverageGaps;
import dev.kordon.results.NetpolResults;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "coverage",
    mixinStandardHelpOptions = true,
    customSynopsis = "kordon netpol coverage [OPTIONS] [PATH|-]...",
    description = {
      "What the policies leave open: pods selected by no ingress or no egress policy,"
          + " namespaces without a default deny, policies that select no pod, rules that allow"
          + " every source, and pods that can reach the cloud metadata address "
          + Coverage.METADATA_ADDRESS
          + " (TCP/80).",
      NetpolCommand.INPUTS
    },
    footer = {
      "",
      "Formats: table, json, markdown, html.",
      "Exit codes: 0 done, 1 gaps found with --fail-on-gaps, 2 bad usage or unreadable input.",
      "",
      "Examples:",
      "  kordon netpol coverage k8s/",
      "  kordon netpol coverage k8s/ --format json --fail-on-gaps"
    })
final class NetpolCoverageCommand extends AnalyzerCommand {

  @Option(names = "--fail-on-gaps", description = "Exit with 1 when anything is left open.")
  boolean failOnGaps;

  NetpolCoverageCommand(Io io) {
    super(io);
  }

  @Override
  public Integer call() throws IOException {
    format();
    Coverage c = Coverage.of(NetpolCommand.reachability(this));
    return finish(failOnGaps && CoverageGaps.any(c), NetpolResults.coverage(c));
  }
}
