package dev.kordon.rbac;

/**
 * A role held by a subject through one subject entry of one binding. Its scope is the whole cluster
 * for a ClusterRoleBinding, the binding's namespace for a RoleBinding.
 */
public record Grant(Binding binding, Binding.Entry entry, Role role) {

  public Subject subject() {
    return entry.subject();
  }

  public boolean clusterWide() {
    return binding.isClusterBinding();
  }

  /** {@code cluster} or {@code namespace}. */
  public String scope() {
    return clusterWide() ? "cluster" : "namespace";
  }

  /** {@code cluster-wide} or {@code in dev}. */
  public String scopeText() {
    return clusterWide() ? "cluster-wide" : "in " + binding.namespace();
  }

  /** {@code RoleBinding dev/ci -> Role dev/deployer}. */
  public String via() {
    return binding.display() + " -> " + role.display();
  }
}
