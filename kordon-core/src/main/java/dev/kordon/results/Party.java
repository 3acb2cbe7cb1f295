package dev.kordon.results;

import dev.kordon.rbac.Binding;
import dev.kordon.rbac.PathNode;
import dev.kordon.rbac.Role;
import dev.kordon.rbac.Subject;

/**
 * A subject, binding or role in JSON: {@code {kind, name, namespace}}, namespace empty when
 * cluster-scoped.
 */
public record Party(String kind, String name, String namespace) {

  static Party of(Subject s) {
    return new Party(s.kind().word(), s.name(), s.namespace());
  }

  static Party of(Binding b) {
    return new Party(b.kind(), b.name(), b.namespace());
  }

  static Party of(Role r) {
    return new Party(r.kind(), r.name(), r.isClusterRole() ? "" : r.namespace());
  }

  static Party of(PathNode n) {
    return n instanceof PathNode.Holder h
        ? of(h.subject())
        : new Party("ClusterAdmin", "cluster-admin", "");
  }
}
