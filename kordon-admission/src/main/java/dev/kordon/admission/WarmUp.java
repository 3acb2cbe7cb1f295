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
 * with several containers, an UPDATE, a Service (a kind without a pod) and a Secret; then every
 * object of the controls' fixtures ({@link FixtureReviews}). With the synthetic reviews alone, C2
 * spent half of the server's CPU in the first minute of real traffic compiling the paths they had
 * not taken (docs/performance.md).
 *
 * <p>The server runs two phases: these reviews in-process first (the cheapest way to compile the
 * engine and the controls), then the same bodies over HTTPS on a private loopback listener with the
 * real listener's options, TLS engine and handlers ({@code AdmissionServer}), so that the TLS
 * records, the HTTP codec, the event loop and the worker hand-off are compiled too before the first
 * real request.
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

  /** The synthetic reviews, then those of the catalog's fixtures ({@link FixtureReviews}). */
  static List<byte[]> reviews() {
    return Bodies.ALL;
  }

  /** Read once, on first use. */
  private static final class Bodies {
    static final List<byte[]> ALL = concat(synthetic(), FixtureReviews.load());

    private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
      List<byte[]> all = new java.util.ArrayList<>(a);
      all.addAll(b);
      return List.copyOf(all);
    }
  }

  /** The synthetic review bodies, as the API server sends them. */
  static List<byte[]> synthetic() {
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

  /** Fewest in-process reviews before the JIT's quiet can end the warm-up. */
  static final int MIN_REVIEWS = 2000;

  /** The JIT counts as quiet when it compiled less than this share of a window's wall time. */
  private static final double QUIET_SHARE = 0.05;

  /** A review's CPU cost counts as stable when it moved less than this between two windows. */
  private static final double STABLE_CHANGE = 0.10;

  private static final long WINDOW_NANOS = 250_000_000L;

  /**
   * A window also needs this much of the process's CPU time, so that its cost per review rests on
   * enough clock ticks (10 ms each on Linux) when other processes share the core.
   */
  private static final long WINDOW_CPU_NANOS = 150_000_000L;

  private static final long LONGEST_WINDOW_NANOS = 2_000_000_000L;

  /** A few reviews at a time; returns how many it evaluated. */
  @FunctionalInterface
  interface Step {
    int run();
  }

  /**
   * How a warm-up ended.
   *
   * @param reviews reviews evaluated
   * @param nanos wall time taken
   * @param cpuNanosPerReview the process's CPU time per review in the last complete window (every
   *     thread: the reviews, the transport and the JIT compiler), or -1 when none completed
   * @param end why it stopped: {@code compiled} (the JIT quiet and the cost per review stable),
   *     {@code budget} or {@code count}
   */
  record Outcome(int reviews, long nanos, long cpuNanosPerReview, String end) {
    static final Outcome NONE = new Outcome(0, 0, -1, "none");

    String describe() {
      return reviews
          + " reviews in "
          + nanos / 1_000_000
          + " ms"
          + (cpuNanosPerReview >= 0 ? ", last " + cpuNanosPerReview / 1000 + " µs of CPU each" : "")
          + ", "
          + switch (end) {
            case "compiled" -> "compiled (JIT quiet, cost per review stable)";
            case "budget" -> "budget spent before the JIT was quiet";
            default -> "most reviews reached";
          };
    }
  }

  /**
   * Evaluates the synthetic reviews in turn, in-process (parse, decision, response), until {@code
   * budget} has passed, {@code maxReviews} were evaluated, or (after {@link #MIN_REVIEWS}) the
   * review path counts as compiled ({@link #until}); returns how many were evaluated.
   */
  static int run(Reviewer reviewer, ReviewCodec codec, Duration budget, int maxReviews) {
    return inProcess(reviewer, codec, budget, maxReviews).reviews();
  }

  static Outcome inProcess(Reviewer reviewer, ReviewCodec codec, Duration budget, int maxReviews) {
    if (budget.isZero() || budget.isNegative() || maxReviews <= 0) {
      return Outcome.NONE; // without reading the fixtures (a second or two on a cold JVM)
    }
    List<byte[]> bodies = reviews();
    int[] next = {0};
    return until(
        budget,
        maxReviews,
        MIN_REVIEWS,
        () -> {
          AdmissionRequest r = codec.parse(bodies.get(next[0]++ % bodies.size()));
          codec.response(r.uid(), reviewer.review(r));
          return 1;
        });
  }

  /**
   * Runs {@code step} until {@code budget} has passed, {@code maxReviews} were evaluated, or (after
   * {@code minReviews}) the path counts as compiled: in the last window (a quarter second at least)
   * the JIT compiler spent less than 5 % of the wall time compiling, and the process's CPU time per
   * review moved by less than 10 % from the window before. The first alone stops while the compiler
   * is between two waves (C1 done, C2 queued behind the invocation counters); the second alone
   * stops on a plateau of interpreted code. Both read the JVM's own counters, without the wall
   * clock's noise from other processes on the core.
   */
  static Outcome until(Duration budget, int maxReviews, int minReviews, Step step) {
    if (budget.isZero() || budget.isNegative() || maxReviews <= 0) {
      return Outcome.NONE;
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean watchJit = jit != null && jit.isCompilationTimeMonitoringSupported();
    long start = System.nanoTime();
    long end = start + budget.toNanos();
    long windowStart = start;
    long compiledAtWindowStart = watchJit ? jit.getTotalCompilationTime() : 0;
    long cpuAtWindowStart = processCpuNanos();
    int reviewsAtWindowStart = 0;
    long lastCost = -1;
    int n = 0;
    String why = "count";
    while (n < maxReviews) {
      n += step.run();
      long now = System.nanoTime();
      if (now >= end) {
        why = "budget";
        break;
      }
      if (now - windowStart < WINDOW_NANOS) {
        continue;
      }
      long cpu = processCpuNanos(); // reads /proc: once a window, not once a review
      if (cpu >= 0
          && cpu - cpuAtWindowStart < WINDOW_CPU_NANOS
          && now - windowStart < LONGEST_WINDOW_NANOS) {
        continue;
      }
      long compiled = watchJit ? jit.getTotalCompilationTime() : 0; // ms, all compiler threads
      boolean quiet =
          !watchJit || (compiled - compiledAtWindowStart) * 1e6 < QUIET_SHARE * (now - windowStart);
      long cost =
          cpu < 0 || n == reviewsAtWindowStart
              ? -1
              : (cpu - cpuAtWindowStart) / (n - reviewsAtWindowStart);
      boolean stable =
          cost < 0 || (lastCost > 0 && Math.abs(cost - lastCost) < STABLE_CHANGE * lastCost);
      if (cost >= 0) {
        lastCost = cost;
      }
      if (quiet && stable && n >= minReviews) {
        why = "compiled";
        break;
      }
      windowStart = now;
      compiledAtWindowStart = compiled;
      cpuAtWindowStart = cpu;
      reviewsAtWindowStart = n;
    }
    return new Outcome(n, System.nanoTime() - start, lastCost, why);
  }

  /** This process's CPU time (every thread), or -1 where the platform does not say. */
  private static long processCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
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
    return review(group, version, kind, resource, "kordon-warm-up", operation, object, oldObject);
  }

  static byte[] review(
      String group,
      String version,
      String kind,
      String resource,
      String namespace,
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
            + "\"},\"namespace\":\""
            + namespace
            + "\",\"operation\":\""
            + operation
            + "\",\"userInfo\":{\"username\":\"system:kordon:warm-up\"},\"object\":"
            + object
            + (oldObject == null ? "" : ",\"oldObject\":" + oldObject)
            + "}}";
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
