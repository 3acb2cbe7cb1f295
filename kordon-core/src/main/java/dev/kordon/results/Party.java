package dev.kordon.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kordon.rbac.Binding;
import dev.kordon.rbac.PathNode;
import dev.kordon.rbac.Role;
import dev.kordon.rbac.Subject;
import java.util.List;

/**
 * A subject, binding or role in JSON: {@code {kind, name, namespace}}, namespace empty when
 * cluster-scoped.
 *
 * @param copies where a binding or role was defined ({@code file:line}) when the inputs define it
 *     several times; left out of JSON when empty
 */
public record Party(
    String kind,
    String name,
    String namespace,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> copies) {

  Party(String kind, String name, String namespace) {
    this(kind, name, namespace, List.of());
  }

  static Party of(Subject s) {
    return new Party(s.kind().word(), s.name(), s.namespace());
  }

  static Party of(Binding b) {
    return new Party(
        b.kind(), b.name(), b.namespace(), b.copy().isEmpty() ? List.of() : List.of(b.copy()));
  }

  static Party of(Role r) {
    return new Party(r.kind(), r.name(), r.isClusterRole() ? "" : r.namespace(), r.copies());
  }

  static Party of(PathNode n) {
    return n instanceof PathNode.Holder h
        ? of(h.subject())
        : new Party("ClusterAdmin", "cluster-admin", "");
  }
}
