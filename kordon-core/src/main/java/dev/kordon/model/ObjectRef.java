package dev.kordon.model;

import java.util.Comparator;

/**
 * Identity of a Kubernetes object. {@code namespace} is empty for cluster-scoped objects; once a
 * snapshot is built, a namespaced object that left it unset is in the default namespace.
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ObjectRef> {

  private static final Comparator<ObjectRef> ORDER =
      Comparator.comparing(ObjectRef::kind)
          .thenComparing(ObjectRef::namespace)
          .thenComparing(ObjectRef::name)
          .thenComparing(ObjectRef::apiVersion);

  public ObjectRef {
    apiVersion = apiVersion == null ? "" : apiVersion;
    kind = kind == null ? "" : kind;
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
  }

  /** The API group, empty for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} when cluster-scoped. */
  public String display() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  @Override
  public int compareTo(ObjectRef o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return display();
  }
}
