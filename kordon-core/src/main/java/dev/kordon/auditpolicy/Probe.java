package dev.kordon.auditpolicy;

import java.util.List;

/**
 * The attributes of a request that an audit policy decides the level of: who, what verb, which
 * resource. A non-resource request has a {@code path} and no resource.
 */
public record Probe(
    String user,
    List<String> groups,
    String verb,
    String apiGroup,
    String resource,
    String subresource,
    String namespace,
    String path) {

  public Probe {
    groups = List.copyOf(groups);
  }

  /** An ordinary authenticated person, the requester most detections are about. */
  public static final String PERSON = "kordon:someone";

  public static Probe resource(
      String verb, String apiGroup, String resource, String subresource, String namespace) {
    return new Probe(
        PERSON,
        List.of("system:authenticated"),
        verb,
        apiGroup,
        resource,
        subresource,
        namespace,
        "");
  }

  public Probe as(String asUser, List<String> asGroups) {
    return new Probe(asUser, asGroups, verb, apiGroup, resource, subresource, namespace, path);
  }

  public boolean isResource() {
    return !resource.isEmpty();
  }

  /** {@code create pods/exec in default}, as messages say it. */
  public String describe() {
    if (!isResource()) {
      return verb + " " + path;
    }
    String res = subresource.isEmpty() ? resource : resource + "/" + subresource;
    String group = apiGroup.isEmpty() ? "" : "." + apiGroup;
    return verb + " " + res + group + (namespace.isEmpty() ? "" : " in " + namespace);
  }
}
