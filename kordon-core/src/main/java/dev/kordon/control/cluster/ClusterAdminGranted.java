package dev.kordon.control.cluster;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A binding grants cluster-admin (or a role with every verb on every resource) to a user, group or
 * service account that is not a built-in {@code system:} identity.
 */
public final class ClusterAdminGranted implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0100")
          .title("Cluster-admin granted outside system identities")
          .severity(Severity.HIGH)
          .description(
              "cluster-admin, or any role allowing every verb on every resource, lets its holder"
                  + " read every Secret, run anything on any node and grant itself more. Outside"
                  + " the built-in system: identities it should be held by nobody day to day.")
          .remediation(
              "Bind a role that grants only the verbs and resources the subject needs, and remove"
                  + " the subject from this binding.")
          .kinds("ClusterRoleBinding", "RoleBinding")
          .refs("cis:5.1.1", "nsa:rbac", "mitre:T1078")
          .peers("kubescape:C-0185", "kubescape:C-0035", "trivy:KSV-0111")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject binding, Snapshot snapshot) {
    Optional<String> admin = adminRole(binding, snapshot);
    if (admin.isEmpty()) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    for (RbacSubjects.Subject s : RbacSubjects.of(binding)) {
      if (builtIn(s)) {
        continue;
      }
      String scope =
          binding.kind().equals("RoleBinding")
              ? " in namespace \"" + binding.namespace() + "\""
              : " cluster-wide";
      out.add(
          INFO.finding(binding, s.pointer(), s.describe() + " is granted " + admin.get() + scope));
    }
    return out;
  }

  /** Built-in identities: system: users and groups, and service accounts of kube-system. */
  private static boolean builtIn(RbacSubjects.Subject s) {
    if (s.kind().equals("ServiceAccount")) {
      return s.namespace().equals("kube-system");
    }
    return s.name().startsWith("system:");
  }

  /** The role's description when it is cluster-admin or allows every verb on every resource. */
  private static Optional<String> adminRole(KubeObject binding, Snapshot snapshot) {
    JsonNode ref = binding.raw().path("roleRef");
    String kind = ref.path("kind").asString("");
    String name = ref.path("name").asString("");
    if (kind.equals("ClusterRole") && name.equals("cluster-admin")) {
      return Optional.of("ClusterRole \"cluster-admin\"");
    }
    Optional<KubeObject> role =
        kind.equals("ClusterRole")
            ? snapshot.find("ClusterRole", "", name)
            : snapshot.find("Role", binding.namespace(), name);
    if (role.isEmpty()) {
      return Optional.empty();
    }
    for (JsonNode rule : role.get().raw().path("rules")) {
      if (has(rule, "verbs", "*") && has(rule, "resources", "*") && has(rule, "apiGroups", "*")) {
        return Optional.of(kind + " \"" + name + "\" (every verb on every resource)");
      }
    }
    return Optional.empty();
  }

  static boolean has(JsonNode rule, String field, String value) {
    for (JsonNode v : rule.path(field)) {
      if (v.asString("").equals(value)) {
        return true;
      }
    }
    return false;
  }
}
