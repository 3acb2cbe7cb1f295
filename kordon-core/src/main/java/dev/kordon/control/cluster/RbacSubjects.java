package dev.kordon.control.cluster;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The subjects of a RoleBinding or ClusterRoleBinding, with their pointers. */
final class RbacSubjects {
  private RbacSubjects() {}

  /** One subject: {@code kind} is User, Group or ServiceAccount. */
  record Subject(String kind, String name, String namespace, JsonPointer pointer) {

    /** The identity the API server authenticates, e.g. {@code system:serviceaccount:a:b}. */
    String identity() {
      return kind.equals("ServiceAccount")
          ? "system:serviceaccount:" + namespace + ":" + name
          : name;
    }

    String describe() {
      return kind + " \"" + (kind.equals("ServiceAccount") ? namespace + "/" + name : name) + "\"";
    }
  }

  static List<Subject> of(KubeObject binding) {
    List<Subject> out = new ArrayList<>();
    JsonNode subjects = binding.raw().path("subjects");
    for (int i = 0; i < subjects.size(); i++) {
      JsonNode s = subjects.path(i);
      String kind = s.path("kind").asString("");
      String ns = s.path("namespace").asString("");
      if (kind.equals("ServiceAccount") && ns.isEmpty()) {
        ns = binding.namespace();
      }
      out.add(
          new Subject(
              kind,
              s.path("name").asString(""),
              ns,
              JsonPointer.ROOT.append("subjects", Integer.toString(i), "name")));
    }
    return out;
  }
}
