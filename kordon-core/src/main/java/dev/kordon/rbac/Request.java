package dev.kordon.rbac;

/**
 * The attributes of one API request that RBAC decides on: a resource request or a non-resource
 * request (a URL path such as {@code /healthz}).
 */
public sealed interface Request permits Request.Resource, Request.NonResource {

  String verb();

  /**
   * A request for a resource. {@code namespace} is empty for cluster-scoped resources and for
   * requests across all namespaces (only ClusterRoleBindings apply then). {@code name} is empty
   * when the request names no object (create, list, watch, deletecollection).
   *
   * @param anyName match rules restricted by {@code resourceNames} too: "for some object", used to
   *     find narrow grants of dangerous verbs such as {@code bind} or {@code impersonate}
   */
  record Resource(
      String verb,
      String apiGroup,
      String resource,
      String subresource,
      String namespace,
      String name,
      boolean anyName)
      implements Request {

    /** {@code resource} or {@code resource/subresource}, as RBAC rules write it. */
    public String combined() {
      return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    public Resource inNamespace(String ns) {
      return new Resource(verb, apiGroup, resource, subresource, ns, name, anyName);
    }

    public Resource named(String objectName) {
      return new Resource(verb, apiGroup, resource, subresource, namespace, objectName, false);
    }

    public Resource withVerb(String v) {
      return new Resource(v, apiGroup, resource, subresource, namespace, name, anyName);
    }

    /** {@code create pods/exec in dev}, {@code get nodes/proxy cluster-wide}. */
    public String describe() {
      StringBuilder sb = new StringBuilder(verb).append(' ').append(combined());
      if (!apiGroup.isEmpty()) {
        sb.append('.').append(apiGroup);
      }
      if (!name.isEmpty()) {
        sb.append(" \"").append(name).append('"');
      }
      sb.append(namespace.isEmpty() ? " cluster-wide" : " in " + namespace);
      return sb.toString();
    }
  }

  /** A request for a URL path that is not a resource, e.g. {@code get /metrics}. */
  record NonResource(String verb, String path) implements Request {}

  /**
   * A resource request from its parts; {@code resource} may carry its subresource ({@code
   * pods/exec}).
   */
  static Resource resource(String verb, String apiGroup, String resource, String namespace) {
    int slash = resource.indexOf('/');
    String res = slash < 0 ? resource : resource.substring(0, slash);
    String sub = slash < 0 ? "" : resource.substring(slash + 1);
    return new Resource(verb, apiGroup, res, sub, namespace, "", false);
  }
}
