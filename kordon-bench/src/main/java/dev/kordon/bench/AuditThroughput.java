package dev.kordon.bench;

import dev.kordon.audit.AuditAnalyzer;
import dev.kordon.audit.AuditEvent;
import dev.kordon.audit.AuditSettings;
import dev.kordon.audit.LogInput;
import dev.kordon.audit.LogLimits;
import dev.kordon.audit.LogReader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kordon audit} over a generated log of N events (default 1,000,000): events per second on
 * one thread and peak heap, against a plain Jackson read of the same file (a line, readTree) in the
 * same run. The ratio is the figure that travels between machines.
 *
 * <p>Usage: {@code AuditThroughput [EVENTS] [ROUNDS] [FILE]}.
 */
public final class AuditThroughput {

  private AuditThroughput() {}

  public static void main(String[] args) throws IOException {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path file =
        args.length > 2 ? Path.of(args[2]) : Files.createTempFile("kordon-audit-bench", ".log");
    long bytes = generate(file, events);
    System.out.printf(
        Locale.ROOT,
        "log: %s, %,d events, %,d bytes (%.0f bytes/event)%n",
        file,
        events,
        bytes,
        (double) bytes / events);
    double bestPlain = Double.MAX_VALUE;
    double bestKordon = Double.MAX_VALUE;
    long plainPeak = 0;
    long kordonPeak = 0;
    long findings = 0;
    for (int r = 0; r < rounds; r++) {
      System.gc();
      resetPeaks();
      long t0 = System.nanoTime();
      long n = plainJackson(file);
      double plain = (System.nanoTime() - t0) / 1e9;
      plainPeak = Math.max(plainPeak, peakHeap());
      System.gc();
      resetPeaks();
      t0 = System.nanoTime();
      long[] k = kordon(file);
      double kordon = (System.nanoTime() - t0) / 1e9;
      kordonPeak = Math.max(kordonPeak, peakHeap());
      findings = k[1];
      if (n != events || k[0] != events) {
        throw new IllegalStateException("read " + n + " and " + k[0] + " of " + events + " events");
      }
      System.out.printf(
          Locale.ROOT,
          "round %d: plain Jackson %.2f s (%,.0f events/s), kordon audit %.2f s (%,.0f events/s)%n",
          r + 1,
          plain,
          events / plain,
          kordon,
          events / kordon);
      bestPlain = Math.min(bestPlain, plain);
      bestKordon = Math.min(bestKordon, kordon);
    }
    System.out.printf(
        Locale.ROOT,
        "best: plain Jackson %,.0f events/s; kordon audit %,.0f events/s on one thread (%d findings)%n",
        events / bestPlain,
        events / bestKordon,
        findings);
    System.out.printf(Locale.ROOT, "ratio kordon/plain time: %.2f%n", bestKordon / bestPlain);
    System.out.printf(
        Locale.ROOT,
        "peak heap: plain %,d MiB, kordon %,d MiB (max heap %,d MiB)%n",
        plainPeak >> 20,
        kordonPeak >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    if (args.length <= 2) {
      Files.deleteIfExists(file);
    }
  }

  private static long plainJackson(Path file) throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    long n = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        JsonNode node = mapper.readTree(line);
        if (node.path("auditID").isString()) {
          n++;
        }
      }
    }
    return n;
  }

  private static long[] kordon(Path file) throws IOException {
    AuditAnalyzer analyzer = new AuditAnalyzer(AuditSettings.defaults(), List.of());
    try (LogReader reader =
        new LogReader(LogInput.of(List.of(file.toString())).get(0), LogLimits.DEFAULT, p -> {})) {
      for (AuditEvent e = reader.next(); e != null; e = reader.next()) {
        analyzer.accept(e);
      }
    }
    return new long[] {analyzer.events(), analyzer.findings().size()};
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** A day of a small cluster: controllers, kubelets, people; a few attacks among them. */
  private static long generate(Path file, int events) throws IOException {
    long start = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    String[] users = {
      "{\"username\":\"system:node:worker-%d\",\"groups\":[\"system:nodes\",\"system:authenticated\"]}",
      "{\"username\":\"system:serviceaccount:kube-system:replicaset-controller\",\"groups\":[\"system:serviceaccounts\",\"system:authenticated\"]}",
      "{\"username\":\"system:kube-scheduler\",\"groups\":[\"system:authenticated\"]}",
      "{\"username\":\"system:serviceaccount:shop:api-%d\",\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:shop\",\"system:authenticated\"]}",
      "{\"username\":\"user-%d@example.com\",\"groups\":[\"devs\",\"system:authenticated\"]}"
    };
    String[][] requests = {
      {"get", "pods", "", "200"},
      {"list", "pods", "", "200"},
      {"watch", "configmaps", "", "200"},
      {"update", "leases", "", "200"},
      {"get", "secrets", "", "200"},
      {"patch", "pods", "status", "200"},
      {"get", "pods", "exec", "101"},
      {"list", "secrets", "", "403"},
      {"create", "pods", "", "201"}
    };
    String body =
        ",\"requestObject\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"labels\":{\"app\":\"web\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"registry.example.com/web:1.2.3\","
            + "\"ports\":[{\"containerPort\":8080}],\"resources\":{\"limits\":{\"cpu\":\"1\",\"memory\":\"1Gi\"}}}]}}";
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < events; i++) {
        int u = (int) ((i * 2654435761L) % users.length);
        int q = (int) ((i * 40503L) % 97) % requests.length;
        String[] rq = requests[q];
        if (rq[1].equals("pods") && rq[2].equals("exec") && i % 50 != 0) {
          rq = requests[0];
        }
        if (rq[3].equals("403") && i % 7 != 0) {
          rq = requests[1];
        }
        String user = users[u].formatted(i % 13);
        String time = Instant.ofEpochMilli(start + i * 86L).toString();
        StringBuilder sb = new StringBuilder(700);
        sb.append("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"")
            .append(rq[0].equals("create") ? "Request" : "Metadata")
            .append("\",\"auditID\":\"")
            .append(new java.util.UUID(i, i * 31L))
            .append("\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/shop/")
            .append(rq[1])
            .append("/web-")
            .append(i % 40)
            .append("\",\"verb\":\"")
            .append(rq[0])
            .append("\",\"user\":")
            .append(user)
            .append(",\"sourceIPs\":[\"10.0.")
            .append(i % 250)
            .append(
                ".7\"],\"userAgent\":\"kubelet/v1.30.1 (linux/amd64) kubernetes/9cda1f2\",\"objectRef\":{\"resource\":\"")
            .append(rq[1])
            .append("\",\"namespace\":\"shop\",\"name\":\"web-")
            .append(i % 40)
            .append("\",\"apiVersion\":\"v1\"");
        if (!rq[2].isEmpty()) {
          sb.append(",\"subresource\":\"").append(rq[2]).append('"');
        }
        sb.append("},\"responseStatus\":{\"metadata\":{},\"code\":").append(rq[3]).append('}');
        if (rq[0].equals("create")) {
          sb.append(body);
        }
        sb.append(",\"requestReceivedTimestamp\":\"")
            .append(time)
            .append("\",\"stageTimestamp\":\"")
            .append(time)
            .append(
                "\",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"RBAC: allowed by ClusterRoleBinding\"}}\n");
        w.write(sb.toString());
      }
    }
    return Files.size(file);
  }
}
