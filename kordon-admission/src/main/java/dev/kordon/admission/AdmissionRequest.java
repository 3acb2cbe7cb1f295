package dev.kordon.admission;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The fields of an {@code admission.k8s.io/v1} AdmissionReview request that Kordon reads.
 *
 * @param kind the kind of the object (from {@code request.kind})
 * @param resource the resource, e.g. {@code pods}
 * @param subResource e.g. {@code ephemeralcontainers}; empty for the main resource
 * @param namespace the namespace of the request (authoritative: the object may leave it unset)
 * @param object the new object; a missing node for DELETE and CONNECT
 * @param oldObject the object before an UPDATE; a missing node otherwise
 */
public record AdmissionRequest(
    String uid,
    String group,
    String version,
    String kind,
    String resource,
    String subResource,
    String namespace,
    String name,
    Operation operation,
    String username,
    List<String> userGroups,
    boolean dryRun,
    JsonNode object,
    JsonNode oldObject) {

  public AdmissionRequest {
    userGroups = List.copyOf(userGroups);
  }

  /** {@code Kind/namespace/name} for logs and messages. */
  public String describe() {
    String n = name.isEmpty() ? object.path("metadata").path("generateName").asString("") : name;
    return kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + n;
  }
}
