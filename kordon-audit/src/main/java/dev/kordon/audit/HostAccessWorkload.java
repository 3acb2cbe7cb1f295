package dev.kordon.audit;

import dev.kordon.control.Catalog;
import dev.kordon.control.Control;
import dev.kordon.control.ControlFamily;
import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A privileged, host-namespace or hostPath pod or workload template written through the API, judged
 * on the recorded body by the same catalog controls (and so the same Pod Security checks) as {@code
 * kordon scan}. Pods that controllers create from a template are left to the template's own write:
 * judged by who made the request.
 */
final class HostAccessWorkload implements Detection {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0401")
          .title("Privileged or host-access workload written")
          .severity(Severity.HIGH)
          .description(
              "A pod or workload template that is privileged, shares a host namespace or mounts a"
                  + " hostPath was created or changed: the usual step from the API to the node.")
          .remediation(
              "Check who wrote it and why; enforce Pod Security baseline on the namespace so that"
                  + " the API server refuses such pods.")
          .kinds("Event")
          .refs(
              "mitre:T1610",
              "mitre:T1611",
              "pss:baseline/privileged",
              "pss:baseline/hostNamespaces",
              "pss:baseline/hostPathVolumes")
          .build();

  /** The PSS checks whose catalog controls judge the body. */
  static final Set<String> CHECKS = Set.of("privileged", "hostNamespaces", "hostPathVolumes");

  private static final Map<String, String[]> WORKLOADS =
      Map.of(
          "pods", new String[] {"", "v1", "Pod"},
          "deployments", new String[] {"apps", "apps/v1", "Deployment"},
          "daemonsets", new String[] {"apps", "apps/v1", "DaemonSet"},
          "statefulsets", new String[] {"apps", "apps/v1", "StatefulSet"},
          "replicasets", new String[] {"apps", "apps/v1", "ReplicaSet"},
          "replicationcontrollers", new String[] {"", "v1", "ReplicationController"},
          "jobs", new String[] {"batch", "batch/v1", "Job"},
          "cronjobs", new String[] {"batch", "batch/v1", "CronJob"});

  private static final Set<String> WRITES = Set.of("create", "update", "patch");

  private final Identities identities;
  private final List<PodControl> controls;
  private final Snapshot empty = Snapshot.of(List.of());

  /** The catalog's controls for those checks: immutable and stateless, built once. */
  private static final List<PodControl> CONTROLS = chooseControls();

  HostAccessWorkload(Identities identities) {
    this.identities = identities;
    this.controls = CONTROLS;
  }

  private static List<PodControl> chooseControls() {
    List<PodControl> chosen = new ArrayList<>();
    for (Control c : Catalog.builtIn().controls()) {
      if (c instanceof PodControl p
          && c.info().family() == ControlFamily.CATALOG
          && c.info().pssChecks().stream().anyMatch(CHECKS::contains)) {
        chosen.add(p);
      }
    }
    return List.copyOf(chosen);
  }

  /** The catalog controls this detection runs, for tests and docs. */
  List<PodControl> controls() {
    return controls;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public void observe(AuditEvent e, Hits hits) {
    String[] w = WORKLOADS.get(e.object().resource());
    if (w == null
        || !e.object().apiGroup().equals(w[0])
        || !WRITES.contains(e.verb())
        || !(e.object().subresource().isEmpty()
            || e.object().subresource().equals("ephemeralcontainers"))
        || !e.completed()
        || !e.succeeded()
        || identities.isSystem(e.subject().name())) {
      return;
    }
    String what =
        "\""
            + e.subject().name()
            + "\" "
            + past(e.verb())
            + " "
            + w[2]
            + " "
            + e.object().namespace()
            + "/"
            + name(e);
    JsonNode body = e.responseObject().isObject() ? e.responseObject() : e.requestObject();
    String bodyField = body == e.responseObject() ? "responseObject" : "requestObject";
    if (body.isArray()) {
      jsonPatch(e, body, hits, what);
      return;
    }
    if (!body.isObject()) {
      return; // Metadata level: nothing recorded to judge
    }
    if (!namesHostAccess(body)) {
      return; // the controls below judge only these fields: skip the common case cheaply
    }
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    copy.setAll((ObjectNode) body);
    copy.put("kind", w[2]);
    if (!copy.path("apiVersion").isString()) {
      copy.put("apiVersion", w[1]);
    }
    KubeObject object = KubeObject.of(copy, new Origin.Request("audit event " + e.auditId()));
    var pod = PodSpecView.of(object);
    if (pod.isEmpty()) {
      return;
    }
    List<String> reasons = new ArrayList<>();
    JsonPointer first = null;
    for (PodControl c : controls) {
      for (Finding f : c.check(pod.get(), empty)) {
        reasons.add(c.info().id() + " (" + f.message() + ")");
        if (first == null) {
          first = JsonPointer.of(bodyField).append(f.path());
        }
      }
    }
    if (!reasons.isEmpty()) {
      hits.hit(INFO, e, key(e), first, what + ": " + String.join("; ", reasons));
    }
  }

  /** A JSON patch (an array of operations): the operations that set a host-access field. */
  private void jsonPatch(AuditEvent e, JsonNode ops, Hits hits, String what) {
    for (int i = 0; i < ops.size(); i++) {
      JsonNode op = ops.path(i);
      String path = op.path("path").asString("");
      JsonNode value = op.path("value");
      String kind = op.path("op").asString("");
      if (!kind.equals("add") && !kind.equals("replace")) {
        continue;
      }
      String reason = "";
      if ((path.endsWith("/privileged")
              || path.endsWith("/hostNetwork")
              || path.endsWith("/hostPID")
              || path.endsWith("/hostIPC"))
          && value.asBoolean(false)) {
        reason = "sets " + path + " to true";
      } else if (path.endsWith("/hostPath") || mentionsHostAccess(value)) {
        reason = "adds host access at " + path;
      }
      if (!reason.isEmpty()) {
        hits.hit(
            INFO,
            e,
            key(e),
            JsonPointer.of("requestObject", Integer.toString(i), "value"),
            what + " with a JSON patch that " + reason);
        return;
      }
    }
  }

  private static final Set<String> HOST_FIELDS =
      Set.of("privileged", "hostNetwork", "hostPID", "hostIPC", "hostPath");

  /** Whether any object in the tree has one of the fields the chosen controls judge. */
  private static boolean namesHostAccess(JsonNode v) {
    if (v.isObject()) {
      for (var e : v.properties()) {
        if (HOST_FIELDS.contains(e.getKey()) || namesHostAccess(e.getValue())) {
          return true;
        }
      }
    } else if (v.isArray()) {
      for (JsonNode c : v) {
        if (namesHostAccess(c)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean mentionsHostAccess(JsonNode v) {
    if (!v.isObject() && !v.isArray()) {
      return false;
    }
    if (v.path("hostPath").isObject()
        || v.path("privileged").asBoolean(false)
        || v.path("hostNetwork").asBoolean(false)
        || v.path("hostPID").asBoolean(false)
        || v.path("hostIPC").asBoolean(false)) {
      return true;
    }
    for (JsonNode c : v) {
      if (mentionsHostAccess(c)) {
        return true;
      }
    }
    return false;
  }

  private static String key(AuditEvent e) {
    return e.subject().name()
        + "\u0000"
        + e.object().resource()
        + "\u0000"
        + e.object().namespace()
        + "/"
        + name(e);
  }

  static String name(AuditEvent e) {
    String n = e.object().name();
    if (n.isEmpty()) {
      n = e.requestObject().path("metadata").path("name").asString("");
    }
    if (n.isEmpty()) {
      n = e.responseObject().path("metadata").path("name").asString("");
    }
    if (n.isEmpty()) {
      n = e.requestObject().path("metadata").path("generateName").asString("") + "*";
    }
    return n;
  }

  static String past(String verb) {
    return switch (verb) {
      case "create" -> "created";
      case "update" -> "updated";
      case "patch" -> "patched";
      case "delete" -> "deleted";
      case "deletecollection" -> "deleted every";
      default -> verb;
    };
  }
}
