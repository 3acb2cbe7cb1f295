package dev.kordon.rbac;

import dev.kordon.model.Severity;
import java.util.List;

/**
 * One entry of the risky-permission catalog: held when RBAC allows any verb of any of its
 * permissions at its scope.
 */
public record Risk(
    String id,
    Severity severity,
    String title,
    String explanation,
    Scope scope,
    List<String> namespaces,
    List<Permission> permissions,
    List<String> refs) {

  /** Where a grant has to come from for the risk to count. */
  public enum Scope {
    /** A ClusterRoleBinding: every namespace, or a cluster-scoped resource. */
    CLUSTER,
    /** A RoleBinding, in its own namespace. */
    NAMESPACE,
    /** Either kind of binding, in the namespaces the risk lists. */
    LISTED
  }

  /**
   * One permission of a risk.
   *
   * @param names objects to ask about one by one; {@value #OWN_NAMESPACE} is the namespace being
   *     examined; empty asks about no particular object (unrestricted rules only)
   * @param anyName any object is enough: rules restricted by resourceNames count too
   */
  public record Permission(
      String group, String resource, List<String> verbs, List<String> names, boolean anyName) {

    public static final String OWN_NAMESPACE = "{namespace}";

    public Permission {
      verbs = List.copyOf(verbs);
      names = List.copyOf(names);
      if (verbs.isEmpty() || resource.isEmpty()) {
        throw new IllegalArgumentException("a risk permission needs a resource and verbs");
      }
    }
  }

  public Risk {
    namespaces = List.copyOf(namespaces);
    permissions = List.copyOf(permissions);
    refs = List.copyOf(refs);
    if (!id.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("risk id must be kebab-case: " + id);
    }
    if (title.isBlank() || explanation.isBlank() || permissions.isEmpty()) {
      throw new IllegalArgumentException("risk " + id + ": title, explanation and permissions");
    }
    if ((scope == Scope.LISTED) == namespaces.isEmpty()) {
      throw new IllegalArgumentException(
          "risk " + id + ": namespaces are given exactly when scope is listed");
    }
  }
}
