package dev.kordon.admission;

import dev.kordon.report.JsonOutput;
import dev.kordon.source.YamlTrees;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** AdmissionReview request bodies for tests, built as the API server sends them. */
final class Reviews {
  private Reviews() {}

  static final String PRIVILEGED_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: app
            image: nginx:1.27
            securityContext:
              privileged: true
      """;

  static final String HOST_NETWORK_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: net
      spec:
        hostNetwork: true
        containers:
          - name: app
            image: nginx:1.27
      """;

  static final String RESTRICTED_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: tidy
      spec:
        securityContext:
          runAsNonRoot: true
          seccompProfile:
            type: RuntimeDefault
        containers:
          - name: app
            image: nginx:1.27
            securityContext:
              allowPrivilegeEscalation: false
              capabilities:
                drop: [ALL]
      """;

  /** A plain pod: passes baseline, fails restricted. */
  static final String PLAIN_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: plain
      spec:
        containers:
          - name: app
            image: nginx:1.27
      """;

  static final String PRIVILEGED_DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
      spec:
        replicas: 2
        selector:
          matchLabels: {app: api}
        template:
          metadata:
            labels: {app: api}
          spec:
            containers:
              - name: api
                image: nginx:1.27
                securityContext:
                  privileged: true
      """;

  static ObjectNode review(String yaml, String namespace, String operation) {
    JsonNode object = YamlTrees.parse("test.yaml", yaml);
    return review(object, namespace, operation);
  }

  static ObjectNode review(JsonNode object, String namespace, String operation) {
    ObjectNode req = JsonOutput.object();
    req.put("uid", "705ab4f5-6393-11e8-b7cc-42010a800002");
    String kind = object.path("kind").asString("");
    String apiVersion = object.path("apiVersion").asString("");
    int slash = apiVersion.indexOf('/');
    ObjectNode gvk = req.putObject("kind");
    gvk.put("group", slash < 0 ? "" : apiVersion.substring(0, slash));
    gvk.put("version", slash < 0 ? apiVersion : apiVersion.substring(slash + 1));
    gvk.put("kind", kind);
    ObjectNode resource = req.putObject("resource");
    resource.put("group", gvk.path("group").asString());
    resource.put("version", gvk.path("version").asString());
    resource.put("resource", kind.toLowerCase(java.util.Locale.ROOT) + "s");
    req.put("name", object.path("metadata").path("name").asString(""));
    req.put("namespace", namespace);
    req.put("operation", operation);
    ObjectNode user = req.putObject("userInfo");
    user.put("username", "alice");
    user.putArray("groups").add("system:authenticated");
    if (operation.equals("DELETE")) {
      req.set("oldObject", object);
    } else {
      req.set("object", object);
    }
    req.put("dryRun", false);
    ObjectNode root = JsonOutput.object();
    root.put("apiVersion", "admission.k8s.io/v1");
    root.put("kind", "AdmissionReview");
    root.set("request", req);
    return root;
  }

  static byte[] bytes(JsonNode review) {
    return JsonOutput.mapper().writeValueAsString(review).getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode request(ObjectNode review) {
    return (ObjectNode) review.path("request");
  }
}
