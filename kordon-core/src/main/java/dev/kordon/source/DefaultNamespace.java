package dev.kordon.source;

import dev.kordon.model.KubeObject;
import dev.kordon.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one namespace rule of every control and analyzer: a namespaced object without {@code
 * metadata.namespace} is in the default namespace ({@code default}, or {@code
 * --default-namespace}), where {@code kubectl apply} would create it; a cluster-scoped object has
 * no namespace, even when its manifest writes one, as the API server drops it. Whether the manifest
 * wrote the namespace stays readable through {@link KubeObject#namespaceExplicit()}.
 *
 * @param name a namespace name (an RFC 1123 label)
 */
public record DefaultNamespace(String name) {

  // declared before KUBECTL, which the constructor validates with it
  private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?");

  /** Where kubectl puts an object without a namespace when no context or flag says otherwise. */
  public static final DefaultNamespace KUBECTL = new DefaultNamespace("default");

  public DefaultNamespace {
    if (!LABEL.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a namespace name (lower-case letters, digits and '-', at most 63): " + name);
    }
  }

  /**
   * The objects with their namespaces resolved, in the same order; an object already resolved is
   * returned as it is, so applying the rule twice changes nothing.
   */
  public List<KubeObject> apply(List<KubeObject> objects) {
    ResourceScopes scopes = ResourceScopes.of(objects);
    List<KubeObject> out = new ArrayList<>(objects.size());
    for (KubeObject o : objects) {
      out.add(resolve(o, scopes));
    }
    return out;
  }

  private KubeObject resolve(KubeObject o, ResourceScopes scopes) {
    String namespace;
    if (scopes.clusterScoped(o.apiVersion(), o.kind())) {
      namespace = "";
    } else if (o.namespace().isEmpty()) {
      namespace = name;
    } else {
      return o;
    }
    if (namespace.equals(o.namespace())) {
      return o;
    }
    ObjectRef ref = new ObjectRef(o.apiVersion(), o.kind(), namespace, o.name());
    return new KubeObject(ref, o.labels(), o.annotations(), o.raw(), o.origin());
  }
}
