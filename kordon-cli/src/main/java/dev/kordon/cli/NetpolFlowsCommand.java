package dev.kordon.cli;

import dev.kordon.netpol.Flow;
import dev.kordon.netpol.FlowReport;
import dev.kordon.results.NetpolResults;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "flows",
    mixinStandardHelpOptions = true,
    customSynopsis = "kordon netpol flows [OPTIONS] FLOWS [PATH|-]...",
    description = {
      "Observed connections against the policies: flows the policies would deny, and rules no"
          + " observed flow used (candidates for removal).",
      "FLOWS (a file, or - for stdin) holds JSON lines {\"src\":..., \"dst\":..., \"port\":...,"
          + " \"protocol\":...} or CSV src,dst,port,protocol (a header may name the columns);"
          + " src and dst are ns/pod or an IP address.",
      NetpolCommand.INPUTS
    },
    footer = {
      "",
      "Formats: table, json, markdown, html.",
      "Exit codes: 0 every observed flow is allowed, 1 some would be denied, 2 bad usage or"
          + " unreadable input.",
      "",
      "Examples:",
      "  kordon netpol flows observed.jsonl k8s/",
      "  kordon netpol flows - k8s/ --format json < observed.csv"
    })
final class NetpolFlowsCommand extends AnalyzerCommand {

  NetpolFlowsCommand(Io io) {
    super(io);
  }

  @Override
  public Integer call() throws IOException {
    format();
    List<Flow> flows = FlowFile.read(this);
    FlowReport report = FlowReport.of(NetpolCommand.reachability(this), flows);
    return finish(!report.denied().isEmpty(), NetpolResults.flows(report));
  }
}
