package dev.kordon.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who offline evaluation pretends sends the requests: every object is a CREATE by this user. The
 * {@code request} variable is built as the API server's admission request.
 */
public record Requester(String username, List<String> groups) {

  public static final Requester DEFAULT =
      new Requester("kordon:offline", List.of("system:authenticated"));

  public Requester {
    groups = List.copyOf(groups);
  }

  /** The {@code request} variable for a CREATE of an object. */
  Map<String, Object> request(ResourceKinds.Resource r, String name, String namespace) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("uid", "00000000-0000-0000-0000-000000000000");
    req.put("kind", Map.of("group", r.group(), "version", r.version(), "kind", r.kind()));
    req.put(
        "resource", Map.of("group", r.group(), "version", r.version(), "resource", r.resource()));
    req.put("requestKind", req.get("kind"));
    req.put("requestResource", req.get("resource"));
    req.put("name", name);
    req.put("namespace", namespace);
    req.put("operation", "CREATE");
    req.put("userInfo", Map.of("username", username, "groups", groups));
    req.put("dryRun", false);
    req.put("options", Map.of("kind", "CreateOptions", "apiVersion", "meta.k8s.io/v1"));
    return req;
  }
}
