package dev.kordon.rbac;

import dev.kordon.model.KubeObject;
import java.util.List;

/**
 * A Role or ClusterRole with its effective rules: for a ClusterRole with an {@code
 * aggregationRule}, the union of the rules of the ClusterRoles its selectors match.
 */
public record Role(KubeObject object, List<Rule> rules, boolean aggregated) {

  public Role {
    rules = List.copyOf(rules);
  }

  public String kind() {
    return object.kind();
  }

  public String name() {
    return object.name();
  }

  /**
   * A Role's namespace ({@code default} when the manifest leaves it out); empty for ClusterRoles.
   */
  public String namespace() {
    return isClusterRole() ? "" : Binding.effectiveNamespace(object);
  }

  public boolean isClusterRole() {
    return kind().equals("ClusterRole");
  }

  /** {@code ClusterRole admin}, {@code Role dev/deployer}. */
  public String display() {
    return isClusterRole() ? "ClusterRole " + name() : "Role " + namespace() + "/" + name();
  }
}
