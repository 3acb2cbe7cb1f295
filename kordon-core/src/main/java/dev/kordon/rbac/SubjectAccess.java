package dev.kordon.rbac;

import java.util.List;
import java.util.Optional;

/**
 * What one subject may do ({@code kubectl auth can-i --list}, offline and for anyone): its
 * permissions merged per scope and resource, and the risky ones among them.
 *
 * @param namespace only what holds in this namespace (cluster-wide grants included), or every
 *     namespace when empty
 */
public record SubjectAccess(
    Subject subject,
    Optional<String> namespace,
    List<Permissions.Row> permissions,
    List<RiskCatalog.Holding> risks) {

  public SubjectAccess {
    permissions = List.copyOf(permissions);
    risks = List.copyOf(risks);
  }

  public static SubjectAccess of(
      RiskCatalog catalog, RbacGraph graph, Subject subject, Optional<String> namespace) {
    List<RiskCatalog.Holding> risks =
        catalog.heldBy(graph, Identity.of(subject)).stream()
            .filter(
                h ->
                    namespace.isEmpty()
                        || h.namespace().isEmpty()
                        || h.namespace().equals(namespace.get()))
            .toList();
    return new SubjectAccess(subject, namespace, Permissions.of(graph, subject, namespace), risks);
  }
}
