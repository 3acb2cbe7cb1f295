package dev.kordon.cli;

import dev.kordon.netpol.Flow;
import dev.kordon.netpol.PolicySuggester;
import dev.kordon.netpol.Reachability;
import dev.kordon.results.NetpolResults;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "suggest",
    mixinStandardHelpOptions = true,
    customSynopsis = "kordon netpol suggest [OPTIONS] FLOWS [PATH|-]...",
    description = {
      "Least-privilege NetworkPolicies (YAML) that allow exactly the observed flows: a default"
          + " deny per namespace with pods, and one policy per workload selecting it by its"
          + " labels. Nothing else is allowed, DNS included unless it was observed.",
      "FLOWS is read as by 'kordon netpol flows'. Notes on what could not be expressed go to"
          + " standard error.",
      NetpolCommand.INPUTS
    },
    footer = {
      "",
      "Formats: table (the YAML itself), json (the YAML and the notes).",
      "Exit codes: 0 done, 2 bad usage or unreadable input.",
      "",
      "Examples:",
      "  kordon netpol suggest observed.jsonl k8s/ > netpol.yaml",
      "  kordon netpol suggest observed.csv k8s/ | kubectl apply --dry-run=server -f -"
    })
final class NetpolSuggestCommand extends AnalyzerCommand {

  NetpolSuggestCommand(Io io) {
    super(io);
  }

  @Override
  List<dev.kordon.report.Format> formats() {
    return List.of(dev.kordon.report.Format.TABLE, dev.kordon.report.Format.JSON);
  }

  @Override
  public Integer call() throws IOException {
    format();
    List<Flow> flows = FlowFile.read(this);
    Reachability reach = NetpolCommand.reachability(this);
    PolicySuggester.Suggestion s = new PolicySuggester().suggest(reach.model(), flows);
    for (String note : s.notes()) {
      io.err().println("kordon: note: " + note);
    }
    return finish(false, NetpolResults.suggest(s));
  }
}
