package dev.kordon.rbac;

import dev.kordon.model.KubeObject;
import java.util.List;

/**
 * A Role or ClusterRole with its effective rules: for a ClusterRole with an {@code
 * aggregationRule}, the union of the rules of the ClusterRoles its selectors match.
 *
 * <p>A role the inputs define several times is one role whose rules are those of every copy: a
 * binding names its role by name, whichever copy the cluster holds, so it is taken to grant the
 * most any copy grants. {@code copies} then lists where each was defined ({@code file:line}); it is
 * empty for a role defined once.
 */
public record Role(KubeObject object, List<Rule> rules, boolean aggregated, List<String> copies) {

  public Role {
    rules = List.copyOf(rules);
    copies = List.copyOf(copies);
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

  /**
   * {@code ClusterRole admin}, {@code Role dev/deployer}; a role defined several times is followed
   * by where: {@code Role dev/deployer (a.yaml:1, b.yaml:9)}.
   */
  public String display() {
    String name = isClusterRole() ? "ClusterRole " + name() : "Role " + namespace() + "/" + name();
    return copies.isEmpty() ? name : name + " (" + String.join(", ", copies) + ")";
  }
}
