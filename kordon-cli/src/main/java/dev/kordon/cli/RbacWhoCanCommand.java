package dev.kordon.cli;

import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.WhoCanQuery;
import dev.kordon.results.RbacResults;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "who-can",
    mixinStandardHelpOptions = true,
    customSynopsis = "kordon rbac who-can [OPTIONS] VERB RESOURCE[/SUBRESOURCE]|/URL [PATH|-]...",
    description = {
      "Every subject that may make a request, with the binding and role that allow it.",
      "Without -n, a namespaced resource is asked in every namespace (RoleBindings included);",
      "a cluster-scoped resource ignores -n. RESOURCE may be a URL path (/metrics)."
    },
    footer = {
      "",
      "Members of group system:masters may do anything; they are listed first as implicit.",
      "Formats: table, json, markdown, html.",
      "Exit codes: 0 answered, 2 bad usage or unreadable input.",
      "",
      "Examples:",
      "  kordon rbac who-can create pods/exec -n prod cluster/",
      "  kordon rbac who-can get secrets --name db-password -n prod cluster/ --format json",
      "  kordon rbac who-can update deployments/scale --api-group apps cluster/",
      "  kordon rbac who-can get /metrics cluster/"
    })
final class RbacWhoCanCommand extends AnalyzerCommand {

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "The request's namespace.")
  String namespace = "";

  @Option(names = "--name", paramLabel = "NAME", description = "The object's name.")
  String name = "";

  @Option(
      names = "--api-group",
      paramLabel = "GROUP",
      description = "API group (default: guessed from well-known resources and CRDs; '' core).")
  String apiGroup;

  RbacWhoCanCommand(Io io) {
    super(io);
  }

  @Override
  public Integer call() throws IOException {
    format();
    List<String> words = takeLeading(2, "VERB and RESOURCE");
    WhoCanQuery query =
        new WhoCanQuery(words.get(0), words.get(1), namespace, name, Optional.ofNullable(apiGroup));
    WhoCanQuery.Answer answer = query.answer(RbacGraph.of(read()));
    if (!answer.ignoredNamespace().isEmpty()) {
      io.err()
          .println("kordon: " + answer.ignoredNamespace() + " is cluster-scoped; -n is ignored");
    }
    return finish(false, RbacResults.whoCan(answer));
  }
}
