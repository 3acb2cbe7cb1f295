package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A RoleBinding or ClusterRoleBinding created, updated or patched so that it grants cluster-admin
 * or binds a group everybody is in. Needs the body: level Request or more for bindings.
 */
final class BroadBinding implements Detection {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0405")
          .title("Binding to cluster-admin or a broad group written")
          .severity(Severity.HIGH)
          .description(
              "A binding now grants cluster-admin, or grants a role to system:anonymous,"
                  + " system:authenticated or system:unauthenticated: persistence by account"
                  + " manipulation.")
          .remediation(
              "Delete the binding unless it was planned; bind narrow roles to named users, groups"
                  + " or service accounts.")
          .kinds("Event")
          .refs("mitre:T1098")
          .build();

  static final Set<String> BROAD =
      Set.of("system:anonymous", "system:authenticated", "system:unauthenticated");

  private static final Set<String> WRITES = Set.of("create", "update", "patch");

  private final Identities identities;

  BroadBinding(Identities identities) {
    this.identities = identities;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public void observe(AuditEvent e, Hits hits) {
    String res = e.object().resource();
    if (!e.object().apiGroup().equals("rbac.authorization.k8s.io")
        || !(res.equals("rolebindings") || res.equals("clusterrolebindings"))
        || !WRITES.contains(e.verb())
        || !e.completed()
        || !e.succeeded()
        || identities.isSystem(e.subject().name())) {
      return;
    }
    JsonNode body = e.responseObject().isObject() ? e.responseObject() : e.requestObject();
    String field = body == e.responseObject() ? "responseObject" : "requestObject";
    String why = "";
    JsonPointer at = JsonPointer.of(field);
    if (body.isObject()) {
      JsonNode ref = body.path("roleRef");
      if (ref.path("kind").asString("").equals("ClusterRole")
          && ref.path("name").asString("").equals("cluster-admin")) {
        why = "grants cluster-admin";
        at = at.append("roleRef", "name");
      }
      JsonNode subjects = body.path("subjects");
      for (int i = 0; i < subjects.size() && why.isEmpty(); i++) {
        JsonNode s = subjects.path(i);
        if (s.path("kind").asString("").equals("Group")
            && BROAD.contains(s.path("name").asString(""))) {
          why = "binds group " + s.path("name").asString("");
          at = at.append("subjects", Integer.toString(i), "name");
        }
      }
    } else if (body.isArray()) {
      for (int i = 0; i < body.size() && why.isEmpty(); i++) {
        String found = broadValue(body.path(i).path("value"));
        if (!found.isEmpty()) {
          why = found.equals("cluster-admin") ? "grants cluster-admin" : "binds group " + found;
          at = JsonPointer.of("requestObject", Integer.toString(i), "value");
        }
      }
    }
    if (why.isEmpty()) {
      return;
    }
    String name = HostAccessWorkload.name(e);
    String kind =
        res.equals("rolebindings")
            ? "RoleBinding " + e.object().namespace() + "/"
            : "ClusterRoleBinding ";
    hits.hit(
        INFO,
        e,
        e.subject().name() + "\u0000" + res + "\u0000" + e.object().namespace() + "/" + name,
        at,
        "\""
            + e.subject().name()
            + "\" "
            + HostAccessWorkload.past(e.verb())
            + " "
            + kind
            + name
            + ", which "
            + why);
  }

  /** In a JSON patch value: cluster-admin as a role name, or a broad group as a subject. */
  private static String broadValue(JsonNode v) {
    if (v.isString()) {
      String s = v.asString();
      return s.equals("cluster-admin") || BROAD.contains(s) ? s : "";
    }
    for (JsonNode c : v) {
      String found = broadValue(c);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return "";
  }
}
