package dev.kordon.rules;

import dev.cel.common.CelFunctionDecl;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * One of the Kubernetes CEL libraries cel-java lacks: its function declarations for the checker and
 * their implementations for the runtime, with the upstream (k8s.io/apiserver/pkg/cel/library)
 * semantics.
 */
interface CelLibrary {
  List<CelFunctionDecl> declarations();

  List<CelFunctionBinding> bindings();

  /** The libraries Kordon adds to cel-java's standard environment, strings, sets and optionals. */
  static List<CelLibrary> kubernetes() {
    return List.of(
        new ListsLibrary(),
        new RegexLibrary(),
        new QuantityLibrary(),
        new UrlLibrary(),
        new IpLibrary(),
        new FormatLibrary());
  }
}
