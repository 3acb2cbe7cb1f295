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
    customSynopsis = "kordon rbac who-can [OPTIONS] VERB RESOURCE[/SUB]|/URL [PATH|-]...",
    description = {
      "Every subject that may make a request, with the binding and role that allow it.",
      "Without -n, a namespaced resource is asked in every namespace (RoleBindings included);"
          + " a cluster-scoped resource ignores -n. RESOURCE may be a URL path (/metrics)."
    },
    footer = {
      "",
      "VERB is one Kubernetes authorizes: get, list, watch, create, update, patch, delete,"
          + " deletecollection, or a special one (use, bind, escalate, impersonate, approve,"
          + " sign, attest); for a URL path, an HTTP method in lower case. * asks for every verb"
          + " at once.",
      "Members of group system:masters may do anything; they are listed first as implicit.",
      "Formats: table, json, markdown, html.",
      "Exit codes: 0 answered, 2 bad usage or unreadable input.",
      "",
      "Examples:",
      "  kordon rbac who-can create pods/exec -n prod cluster/",
      "  kordon rbac who-can get secrets --name db-password -n prod cluster/",
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

  @Option(
      names = "--custom-verb",
      description =
          "Accept a VERB that Kubernetes does not define (one that a webhook authorizer or an"
              + " aggregated API checks).")
  boolean customVerb;

  RbacWhoCanCommand(Io io) {
    super(io);
  }

  @Override
  public Integer call() throws IOException {
    format();
    List<String> words = takeLeading(2, "VERB and RESOURCE");
    WhoCanQuery query =
        new WhoCanQuery(words.get(0), words.get(1), namespace, name, Optional.ofNullable(apiGroup));
    if (!customVerb && !query.hasStandardVerb()) {
      throw usage(unknownVerb(query));
    }
    WhoCanQuery.Answer answer = query.answer(RbacGraph.of(read()));
    if (!answer.ignoredNamespace().isEmpty()) {
      io.err()
          .println("kordon: " + answer.ignoredNamespace() + " is cluster-scoped; -n is ignored");
    }
    return finish(false, RbacResults.whoCan(answer));
  }

  /** Names the verbs that exist, the nearest one first when the verb looks like a typo of it. */
  static String unknownVerb(WhoCanQuery query) {
    List<String> near = Typos.nearest(query.verb(), query.standardVerbs());
    String guess = near.isEmpty() ? "" : "; did you mean '" + near.get(0) + "'?";
    return "unknown verb '"
        + query.verb()
        + "'"
        + guess
        + " ("
        + query.standardVerbsInWords()
        + "; --custom-verb allows another)";
  }
}
