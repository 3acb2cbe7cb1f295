package dev.kordon.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The webhook's Prometheus metrics, in the text exposition format (version 0.0.4). Hand-written:
 * three counters and two histograms need no library. Label values are bounded sets (paths,
 * outcomes, control ids of the catalog, PSS check ids), so cardinality cannot be driven by
 * requests.
 */
public final class Metrics {

  /** The API server's own webhook latency buckets, with finer ones below 5 ms. */
  static final double[] BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final Counter requests =
      new Counter(
          "kordon_admission_http_requests_total",
          "HTTP requests by path and status code.",
          "path",
          "code");
  private final Counter decisions =
      new Counter(
          "kordon_admission_decisions_total",
          "Admission decisions by result (allowed, denied, skipped, exempt, error) and dry run.",
          "result",
          "dry_run");
  private final Counter violations =
      new Counter(
          "kordon_admission_violations_total",
          "Violations by control id (or pss:<check>) and the mode the policy gave them.",
          "control",
          "mode");
  private final Histogram latency =
      new Histogram(
          "kordon_admission_request_duration_seconds",
          "Time from the request's arrival to the end of the response, for /validate.");
  private final Histogram evaluation =
      new Histogram(
          "kordon_admission_evaluation_duration_seconds",
          "Time spent parsing, evaluating and encoding one AdmissionReview on a worker.");
  private final Counter reloads =
      new Counter(
          "kordon_admission_policy_reloads_total",
          "Policy file reloads by result (ok, rejected).",
          "result");

  private final Counter cutOff =
      new Counter(
          "kordon_admission_connections_cut_total",
          "Connections closed because the request headers missed their deadline (slow clients).",
          "reason");

  private volatile String tlsEngine = "";

  /** The TLS implementation in use ({@link TlsEngine.Choice#name()}), shown as an info gauge. */
  void tlsEngine(String name) {
    tlsEngine = name;
  }

  /** A connection closed because its request headers took longer than the header timeout. */
  void headerTimeout() {
    cutOff.inc("header-timeout");
  }

  void request(String path, int code, long nanos) {
    requests.inc(path, Integer.toString(code));
    if (path.equals("/validate")) {
      latency.observe(nanos / 1e9);
    }
  }

  void decision(Decision d, boolean dryRun, long evalNanos) {
    decisions.inc(d.outcome().word(), Boolean.toString(dryRun));
    for (Decision.Hit h : d.hits()) {
      violations.inc(h.id(), h.mode().word());
    }
    evaluation.observe(evalNanos / 1e9);
  }

  void reload(boolean ok) {
    reloads.inc(ok ? "ok" : "rejected");
  }

  /** The exposition text. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    requests.render(sb);
    decisions.render(sb);
    violations.render(sb);
    reloads.render(sb);
    cutOff.render(sb);
    latency.render(sb);
    evaluation.render(sb);
    if (!tlsEngine.isEmpty()) {
      sb.append("# HELP kordon_admission_tls_engine The TLS implementation serving connections.\n");
      sb.append("# TYPE kordon_admission_tls_engine gauge\n");
      sb.append("kordon_admission_tls_engine{engine=\"")
          .append(escape(tlsEngine))
          .append("\"} 1\n");
    }
    return sb.toString();
  }

  static final class Counter {
    private final String name;
    private final String help;
    private final String[] labels;
    private final Map<List<String>, LongAdder> values = new ConcurrentHashMap<>();

    Counter(String name, String help, String... labels) {
      this.name = name;
      this.help = help;
      this.labels = labels.clone();
    }

    void inc(String... labelValues) {
      values.computeIfAbsent(List.of(labelValues), k -> new LongAdder()).increment();
    }

    void render(StringBuilder sb) {
      sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
      sb.append("# TYPE ").append(name).append(" counter\n");
      Map<String, Long> sorted = new TreeMap<>();
      for (Map.Entry<List<String>, LongAdder> e : values.entrySet()) {
        sorted.put(labelText(labels, e.getKey()), e.getValue().sum());
      }
      for (Map.Entry<String, Long> e : sorted.entrySet()) {
        sb.append(name).append(e.getKey()).append(' ').append(e.getValue()).append('\n');
      }
    }
  }

  static final class Histogram {
    private final String name;
    private final String help;
    private final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(String name, String help) {
      this.name = name;
      this.help = help;
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      int i = 0;
      while (i < BUCKETS.length && seconds > BUCKETS[i]) {
        i++;
      }
      counts[i].increment();
      sum.add(seconds);
    }

    void render(StringBuilder sb) {
      sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
      sb.append("# TYPE ").append(name).append(" histogram\n");
      long cumulative = 0;
      for (int i = 0; i < BUCKETS.length; i++) {
        cumulative += counts[i].sum();
        sb.append(name)
            .append("_bucket{le=\"")
            .append(number(BUCKETS[i]))
            .append("\"} ")
            .append(cumulative)
            .append('\n');
      }
      cumulative += counts[BUCKETS.length].sum();
      sb.append(name).append("_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
      sb.append(name).append("_sum ").append(number(sum.sum())).append('\n');
      sb.append(name).append("_count ").append(cumulative).append('\n');
    }
  }

  private static String labelText(String[] names, List<String> values) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      parts.add(names[i] + "=\"" + escape(values.get(i)) + "\"");
    }
    return "{" + String.join(",", parts) + "}";
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return String.format(Locale.ROOT, "%s", d);
  }
}
