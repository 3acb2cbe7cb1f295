package dev.kordon.cli;

import dev.kordon.model.Severity;
import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.RiskCatalog;
import dev.kordon.rbac.RiskListing;
import dev.kordon.results.RbacResults;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    abbreviateSynopsis = true,
    name = "risks",
    mixinStandardHelpOptions = true,
    description = "Every subject holding a risky permission, from Kordon's risk catalog.",
    footer = {
      "",
      "Built-in identities (system:* users and groups, service accounts of kube-system) are"
          + " hidden unless --system is given; audience groups such as system:authenticated"
          + " never are.",
      "Formats: table, json, markdown, html.",
      "Exit codes: 0 no risky permission held, 1 at least one shown, 2 bad usage or unreadable"
          + " input.",
      "",
      "Examples:",
      "  kordon rbac risks cluster/",
      "  kordon rbac risks cluster/ --severity critical --format json"
    })
final class RbacRisksCommand extends AnalyzerCommand {

  @Option(
      names = "--severity",
      paramLabel = "SEVERITY",
      description = "Only risks at or above: low, medium, high, critical.")
  String severity = "low";

  @Option(names = "--system", description = "Also show built-in identities.")
  boolean system;

  RbacRisksCommand(Io io) {
    super(io);
  }

  @Override
  public Integer call() throws IOException {
    format();
    Severity min = option(() -> Severity.parse(severity), "--severity");
    RiskListing listing = RiskListing.of(RiskCatalog.builtIn(), RbacGraph.of(read()), min, system);
    return finish(!listing.shown().isEmpty(), RbacResults.risks(listing));
  }
}
