package dev.kordon.model;

/**
 * Identity of a Kubernetes object. {@code namespace} is empty for cluster-scoped objects; once a
 * snapshot is built, a namespaced object that left it unset is in the default namespace.
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ObjectRef> {

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

  /**
   * By kind, namespace, name, then apiVersion. Written out, each field tried for identity first:
   * sorting a scan's findings compares refs constantly, mostly a finding's own object's, or ones
   * whose strings the snapshot shares.
   */
  @Override
  public int compareTo(ObjectRef o) {
    if (this == o) {
      return 0;
    }
    int c = compare(kind, o.kind);
    if (c != 0) {
      return c;
    }
    c = compare(namespace, o.namespace);
    if (c != 0) {
      return c;
    }
    c = compare(name, o.name);
    return c != 0 ? c : compare(apiVersion, o.apiVersion);
  }

  private static int compare(String a, String b) {
    return a == b ? 0 : a.compareTo(b);
  }

  @Override
  public String toString() {
    return display();
  }
}
