package dev.kordon.audit;

/**
 * What RBAC decided on for one recorded request: verb and resource (or URL path), namespace, and
 * the object's name when the request named one.
 */
public record ObservedRequest(
    String verb,
    String apiGroup,
    String resource,
    String subresource,
    String namespace,
    String name,
    String path) {

  /** Whether this is a non-resource request ({@code get /healthz}). */
  public boolean nonResource() {
    return resource.isEmpty();
  }

  /** {@code resource} or {@code resource/subresource}, as rules write it. */
  public String combined() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  /**
   * The requests RBAC checked for one event. Exec, attach and port-forward over WebSocket are
   * logged with verb get, and the API server (1.31+) also checks create for them: both are needed.
   */
  public static java.util.List<ObservedRequest> of(AuditEvent e) {
    if (e.object().resource().isEmpty()) {
      String uri = e.requestUri();
      int q = uri.indexOf('?');
      String path = q < 0 ? uri : uri.substring(0, q);
      return java.util.List.of(new ObservedRequest(e.verb(), "", "", "", "", "", path));
    }
    var t = e.object();
    // RBAC cannot restrict these by name: the authorizer sees none (create) or a collection
    boolean unnamed =
        java.util.Set.of("create", "list", "watch", "deletecollection").contains(e.verb());
    String name = unnamed ? "" : t.name();
    ObservedRequest r =
        new ObservedRequest(
            e.verb(), t.apiGroup(), t.resource(), t.subresource(), t.namespace(), name, "");
    boolean streaming =
        t.apiGroup().isEmpty()
            && t.resource().equals("pods")
            && (t.subresource().equals("exec")
                || t.subresource().equals("attach")
                || t.subresource().equals("portforward"));
    if (streaming && e.verb().equals("get")) {
      return java.util.List.of(
          r,
          new ObservedRequest(
              "create", t.apiGroup(), t.resource(), t.subresource(), t.namespace(), "", ""));
    }
    return java.util.List.of(r);
  }
}
