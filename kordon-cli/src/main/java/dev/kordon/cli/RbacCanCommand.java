package dev.kordon.cli;

import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.RiskCatalog;
import dev.kordon.rbac.Subject;
import dev.kordon.rbac.SubjectAccess;
import dev.kordon.results.RbacResults;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "can",
    mixinStandardHelpOptions = true,
    customSynopsis = "kordon rbac can [OPTIONS] SUBJECT [PATH|-]...",
    description = {
      "What a subject may do, merged per scope and resource, with the risky permissions among"
          + " them: kubectl auth can-i --list, offline and for anyone."
    },
    footer = {
      "",
      "SUBJECT is user:NAME, group:NAME or serviceaccount:NAMESPACE:NAME.",
      "Permissions held through implicit groups are included (system:authenticated for"
          + " everyone, system:serviceaccounts for a service account).",
      "Formats: table, json, markdown, html.",
      "Exit codes: 0 answered, 2 bad usage or unreadable input.",
      "",
      "Examples:",
      "  kordon rbac can serviceaccount:dev:ci cluster/",
      "  kordon rbac can user:alice -n prod cluster/ --format json"
    })
final class RbacCanCommand extends AnalyzerCommand {

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Only what holds in this namespace (cluster-wide grants included).")
  String namespace;

  RbacCanCommand(Io io) {
    super(io);
  }

  @Override
  public Integer call() throws IOException {
    format();
    Subject subject = RbacCommand.subject(this, takeLeading(1, "SUBJECT").get(0));
    SubjectAccess access =
        SubjectAccess.of(
            RiskCatalog.builtIn(), RbacGraph.of(read()), subject, Optional.ofNullable(namespace));
    return finish(false, RbacResults.can(access));
  }
}
