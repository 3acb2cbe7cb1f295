package dev.kordon.admission;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Synthetic reviews evaluated before the server listens, so that the first requests of the API
 * server do not pay for class loading and the JIT: parses, decisions and responses take the review
 * path from the interpreter to compiled code. It goes on until the JIT compiler has been quiet for
 * a while (the optimizing compiler works on its own threads, and on a webhook limited to one CPU
 * those threads would otherwise take the CPU from the first minutes of reviews: half the server's
 * CPU time in a profile of a cold start under load), or the budget or the count is spent. The port
 * opens (and readiness is answered) only afterwards. The reviews cover what real traffic meets: a
 * restricted pod, a privileged pod with host namespaces and a host path, a Deployment and a CronJob
 * with several containers, an UPDATE, a Service (a kind without a pod) and a Secret.
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

  /** Fewest reviews before the JIT's quiet can end the warm-up. */
  static final int MIN_REVIEWS = 2000;

  /** The JIT counts as quiet when it compiled less than this share of a window's wall time. */
  private static final double QUIET_SHARE = 0.05;

  private static final long WINDOW_NANOS = 250_000_000L;

  /**
   * Evaluates the synthetic reviews in turn until {@code budget} has passed, {@code maxReviews}
   * were evaluated, or (after {@link #MIN_REVIEWS}) the JIT compiler spent less than 5 % of the
   * last quarter second compiling; returns how many were evaluated.
   */
  static int run(Reviewer reviewer, ReviewCodec codec, Duration budget, int maxReviews) {
    if (budget.isZero() || budget.isNegative() || maxReviews <= 0) {
      return 0;
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean watchJit = jit != null && jit.isCompilationTimeMonitoringSupported();
    List<byte[]> bodies = reviews();
    long start = System.nanoTime();
    long end = start + budget.toNanos();
    long windowStart = start;
    long compiledAtWindowStart = watchJit ? jit.getTotalCompilationTime() : 0;
    int n = 0;
    while (n < maxReviews) {
      AdmissionRequest r = codec.parse(bodies.get(n % bodies.size()));
      codec.response(r.uid(), reviewer.review(r));
      n++;
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      if (watchJit && now - windowStart >= WINDOW_NANOS) {
        long compiled = jit.getTotalCompilationTime(); // milliseconds, all compiler threads
        boolean quiet =
            (compiled - compiledAtWindowStart) * 1e6 < QUIET_SHARE * (now - windowStart);
        if (quiet && n >= MIN_REVIEWS) {
          break;
        }
        windowStart = now;
        compiledAtWindowStart = compiled;
      }
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
