package dev.kordon.cluster;

/**
 * A read the credentials were not allowed to make (HTTP 403).
 *
 * @param kind the object kind that is missing from the scan
 * @param verb the RBAC verb that was refused
 * @param resource the RBAC resource, e.g. {@code clusterrolebindings.rbac.authorization.k8s.io}
 * @param namespace the namespace of the refused request; empty when cluster-wide
 */
public record DeniedListing(String kind, String verb, String resource, String namespace) {

  /** {@code list pods in namespace "a"} or {@code list clusterroles.rbac.authorization.k8s.io}. */
  public String permission() {
    return verb
        + " "
        + resource
        + (namespace.isEmpty() ? " (cluster-wide)" : " in namespace \"" + namespace + "\"");
  }
}
