package dev.kordon.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code -n/--namespace} for commands whose answer stays right when a cluster is listed in some
 * namespaces only ({@code scan}). Not part of {@link InputOptions}: RBAC and reachability are only
 * correct over every namespace, and there {@code -n} names the namespace of the question.
 */
final class NamespaceFilter {

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description =
          "With --cluster: list only these namespaces (repeatable); cluster-scoped objects are"
              + " still read. Without --cluster: the namespace Helm charts are rendered into.")
  List<String> namespaces = new ArrayList<>();

  List<String> namespaces() {
    return List.copyOf(namespaces);
  }
}
