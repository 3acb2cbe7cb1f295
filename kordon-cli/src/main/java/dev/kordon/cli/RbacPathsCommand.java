package dev.kordon.cli;

import dev.kordon.rbac.EscalationPaths;
import dev.kordon.rbac.PathListing;
import dev.kordon.rbac.PathNode;
import dev.kordon.rbac.Subject;
import dev.kordon.report.Format;
import dev.kordon.results.RbacResults;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    abbreviateSynopsis = true,
    name = "paths",
    mixinStandardHelpOptions = true,
    description = {
      "Privilege-escalation chains: how subjects climb to cluster-admin (or to another"
          + " subject), step by step with the permission used at each step, shortest first."
    },
    footer = {
      "",
      "Steps: holding * on everything; membership of system:masters; bind + create"
          + " clusterrolebindings; escalate + update of a bound ClusterRole; impersonation; CSR"
          + " approval; token requests; creating pods or workloads (any service account of the"
          + " namespace); minting or reading token Secrets; exec/attach, pod changes or"
          + " nodes/proxy into pods that run with a mounted token.",
      "Formats: table, json, markdown, html, dot (Graphviz).",
      "Exit codes: 0 no path, 1 at least one path shown, 2 bad usage or unreadable input.",
      "",
      "Examples:",
      "  kordon rbac paths cluster/",
      "  kordon rbac paths cluster/ --from serviceaccount:dev:ci --format json",
      "  kordon rbac paths cluster/ --format dot | dot -Tsvg > paths.svg"
    })
final class RbacPathsCommand extends AnalyzerCommand {

  @Option(
      names = "--to",
      paramLabel = "TARGET",
      description = "cluster-admin (default) or a subject such as serviceaccount:kube-system:x.")
  String to = "cluster-admin";

  @Option(
      names = "--from",
      paramLabel = "SUBJECT",
      description = "Only paths from this subject (it need not appear in any binding).")
  String from;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      description = "Longest chain searched (default: 6).")
  int maxSteps = 6;

  @Option(names = "--system", description = "Also show paths from built-in identities.")
  boolean system;

  RbacPathsCommand(Io io) {
    super(io);
  }

  @Override
  List<Format> formats() {
    return List.of(Format.TABLE, Format.JSON, Format.MARKDOWN, Format.HTML, Format.DOT);
  }

  @Override
  public Integer call() throws IOException {
    format();
    if (maxSteps < 1 || maxSteps > PathListing.MAX_STEPS) {
      throw usage("--max-steps: between 1 and " + PathListing.MAX_STEPS);
    }
    Optional<Subject> source = Optional.ofNullable(from).map(s -> RbacCommand.subject(this, s));
    PathNode target = option(() -> PathListing.target(to), "--to");
    PathListing listing = PathListing.of(read(), source, target, maxSteps, system);
    if (listing.truncated()) {
      io.err()
          .println(
              "kordon: the escalation graph reached "
                  + EscalationPaths.MAX_EDGES
                  + " edges and was cut short; some paths may be missing");
    }
    return finish(!listing.paths().isEmpty(), RbacResults.paths(listing));
  }
}
