package dev.kordon.admission;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Synthetic reviews evaluated before the server listens, so that the first requests of the API
 * server do not pay for class loading and the JIT: a few hundred parses, decisions and responses
 * take the review path from the interpreter to compiled code. The port opens (and readiness is
 * answered) only afterwards. The reviews cover what real traffic meets: a restricted pod, a
 * privileged pod with host namespaces and a host path, a Deployment and a CronJob with several
 * containers, an UPDATE, a Service (a kind without a pod) and a Secret.
 */
final class WarmUp {
  private WarmUp() {}

  private static final String CONTAINER_OK =
      "{\"name\":\"app\",\"image\":\"registry.example/app@sha256:"
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\","
          + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"},"
          + "\"limits\":{\"cpu\":\"1\",\"memory\":\"128Mi\"}},"
          + "\"securityContext\":{\"allowPrivilegeEscalation\":false,\"runAsNonRoot\":true,"
          + "\"readOnlyRootFilesystem\":true,\"capabilities\":{\"drop\":[\"ALL\"]},"
          + "\"seccompProfile\":{\"type\":\"RuntimeDefault\"}},"
          + "\"livenessProbe\":{\"httpGet\":{\"path\":\"/healthz\",\"port\":8080}},"
          + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/readyz\",\"port\":8080}}}";

  private static final String CONTAINER_BAD =
      "{\"name\":\"sidecar\",\"image\":\"nginx:latest\",\"ports\":[{\"containerPort\":80,"
          + "\"hostPort\":80}],\"env\":[{\"name\":\"PASSWORD\",\"value\":\"x\"}],"
          + "\"securityContext\":{\"privileged\":true,\"capabilities\":{\"add\":[\"SYS_ADMIN\","
          + "\"NET_RAW\"]}},\"volumeMounts\":[{\"name\":\"host\",\"mountPath\":\"/host\"}]}";

  private static final String GOOD_POD_SPEC = "{\"containers\":[" + CONTAINER_OK + "]}";

  private static final String BAD_POD_SPEC =
      "{\"hostNetwork\":true,\"hostPID\":true,\"containers\":["
          + CONTAINER_OK
          + ","
          + CONTAINER_BAD
          + "],\"initContainers\":["
          + CONTAINER_BAD.replace("sidecar", "init")
          + "],\"volumes\":[{\"name\":\"host\",\"hostPath\":{\"path\":\"/\"}}]}";

  /** The synthetic review bodies, as the API server sends them. */
  static List<byte[]> reviews() {
    return List.of(
        review("", "v1", "Pod", "pods", "CREATE", pod("v1", "Pod", "good", GOOD_POD_SPEC), null),
        review("", "v1", "Pod", "pods", "CREATE", pod("v1", "Pod", "bad", BAD_POD_SPEC), null),
        review(
            "apps",
            "v1",
            "Deployment",
            "deployments",
            "CREATE",
            pod("apps/v1", "Deployment", "api", template(BAD_POD_SPEC)),
            null),
        review(
            "batch",
            "v1",
            "CronJob",
            "cronjobs",
            "CREATE",
            pod(
                "batch/v1",
                "CronJob",
                "nightly",
                "{\"schedule\":\"0 1 * * *\",\"jobTemplate\":{\"spec\":"
                    + template(GOOD_POD_SPEC)
                    + "}}"),
            null),
        review(
            "apps",
            "v1",
            "Deployment",
            "deployments",
            "UPDATE",
            pod("apps/v1", "Deployment", "api", template(GOOD_POD_SPEC)),
            pod("apps/v1", "Deployment", "api", template(BAD_POD_SPEC))),
        review(
            "",
            "v1",
            "Service",
            "services",
            "CREATE",
            pod(
                "v1",
                "Service",
                "web",
                "{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30080}]}"),
            null),
        review(
            "",
            "v1",
            "Secret",
            "secrets",
            "CREATE",
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},"
                + "\"data\":{\"password\":\"eA==\"}}",
            null));
  }

  /**
   * Evaluates the synthetic reviews in turn until {@code budget} has passed or {@code maxReviews}
   * were evaluated; returns how many were.
   */
  static int run(Reviewer reviewer, ReviewCodec codec, Duration budget, int maxReviews) {
    if (budget.isZero() || budget.isNegative() || maxReviews <= 0) {
      return 0;
    }
    List<byte[]> bodies = reviews();
    long end = System.nanoTime() + budget.toNanos();
    int n = 0;
    while (n < maxReviews && System.nanoTime() < end) {
      AdmissionRequest r = codec.parse(bodies.get(n % bodies.size()));
      codec.response(r.uid(), reviewer.review(r));
      n++;
    }
    return n;
  }

  private static String template(String podSpec) {
    return "{\"selector\":{\"matchLabels\":{\"app\":\"x\"}},\"template\":{\"metadata\":"
        + "{\"labels\":{\"app\":\"x\"}},\"spec\":"
        + podSpec
        + "}}";
  }

  private static String pod(String apiVersion, String kind, String name, String spec) {
    return "{\"apiVersion\":\""
        + apiVersion
        + "\",\"kind\":\""
        + kind
        + "\",\"metadata\":{\"name\":\""
        + name
        + "\",\"labels\":{\"app\":\"x\"}},\"spec\":"
        + spec
        + "}";
  }

  private static byte[] review(
      String group,
      String version,
      String kind,
      String resource,
      String operation,
      String object,
      String oldObject) {
    String body =
        "{\"apiVersion\":\""
            + ReviewCodec.API_VERSION
            + "\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"kordon-warm-up\","
            + "\"kind\":{\"group\":\""
            + group
            + "\",\"version\":\""
            + version
            + "\",\"kind\":\""
            + kind
            + "\"},\"resource\":{\"group\":\""
            + group
            + "\",\"version\":\""
            + version
            + "\",\"resource\":\""
            + resource
            + "\"},\"namespace\":\"kordon-warm-up\",\"operation\":\""
            + operation
            + "\",\"userInfo\":{\"username\":\"system:kordon:warm-up\"},\"object\":"
            + object
            + (oldObject == null ? "" : ",\"oldObject\":" + oldObject)
            + "}}";
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
