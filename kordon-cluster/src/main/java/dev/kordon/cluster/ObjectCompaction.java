package dev.kordon.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drops what no control reads before an object is kept, so that a cluster of 150,000 pods fits in
 * memory: managed fields, the last-applied annotation, Secret values, and status except the few
 * fields controls use. Also names which objects are judged through their controller.
 */
final class ObjectCompaction {

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** Status fields kept per kind; every other kind loses its whole status. */
  private static final Map<String, Set<String>> KEPT_STATUS =
      Map.of(
          "Pod", Set.of("phase", "podIP", "podIPs", "hostIP"),
          "Node", Set.of("addresses", "nodeInfo"),
          "Service", Set.of("loadBalancer"));

  /** Kinds whose controller-owned objects are judged through the controller's template. */
  private static final Map<String, List<String>> JUDGED_BY_OWNER =
      Map.of(
          "Pod",
          List.of("ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController"),
          "ReplicaSet",
          List.of("Deployment"),
          "Job",
          List.of("CronJob"));

  private ObjectCompaction() {}

  /** Sets identity from the list's kind and removes what controls never read, in place. */
  static ObjectNode compact(ResourceKind kind, ObjectNode item) {
    item.put("apiVersion", kind.apiVersion());
    item.put("kind", kind.kind());
    JsonNode meta = item.path("metadata");
    if (meta instanceof ObjectNode m) {
      m.remove("managedFields");
      if (m.path("annotations") instanceof ObjectNode a) {
        a.remove(LAST_APPLIED);
      }
    }
    if (kind.kind().equals("Secret")) {
      // metadata-only listing should never bring values; drop them if a server sends them anyway
      item.remove(List.of("data", "stringData"));
    }
    if (kind.kind().equals("ConfigMap")) {
      item.remove("binaryData");
    }
    JsonNode status = item.path("status");
    if (status instanceof ObjectNode s) {
      Set<String> keep = KEPT_STATUS.getOrDefault(kind.kind(), Set.of());
      if (keep.isEmpty()) {
        item.remove("status");
      } else {
        s.retain(keep);
        if (s.isEmpty()) {
          item.remove("status");
        }
      }
    }
    return item;
  }

  /**
   * Whether a controller owns this object, so that its controller's pod template already carries
   * every finding (as kubescape and Trivy do; a pod of a Deployment is not reported three times).
   */
  static boolean judgedThroughOwner(String kind, JsonNode item) {
    List<String> owners = JUDGED_BY_OWNER.get(kind);
    if (owners == null) {
      return false;
    }
    for (JsonNode ref : item.path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)
          && owners.contains(ref.path("kind").asString(""))) {
        return true;
      }
    }
    return false;
  }
}
