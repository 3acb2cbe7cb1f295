package dev.kordon.bench;

import dev.kordon.model.KubeObject;
import dev.kordon.report.JsonOutput;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.ObjectNode;

/**
 * The load client for the admission webhook, in a process of its own (see {@code
 * bench/admission-load.sh}, which starts {@link AdmissionBenchServer} in another, each on its own
 * core where {@code taskset} exists). Sends AdmissionReviews built from every workload of a corpus
 * open-loop at a fixed rate over a fixed set of keep-alive TLS connections (HTTP/1.1, one request
 * at a time per connection, as the API server's webhook client uses them): a scheduler thread puts
 * each request on a queue at its scheduled start, whichever connection is free takes it. A
 * request's latency counts from its scheduled start, so a stall of the server delays every request
 * queued behind it and is counted for each of them (no coordinated omission, the equivalent of
 * HdrHistogram's corrected recording); the service time counts from the actual send. A slow server
 * never makes the client open more connections (a storm of TLS handshakes would measure the
 * handshakes). Latencies go to HdrHistogram.
 *
 * <p>Phases: warm-up, {@code /validate}, {@code /noop} (reads the body, answers a constant review:
 * the floor), then both interleaved in one phase, where both live through the same stalls of a
 * shared machine. Per phase it also reports the server's CPU time per request (from {@code
 * /proc/PID/stat}, when the server wrote {@code pid}) and the server's GC pauses and safepoints
 * (from {@code gc.log} in SERVER_DIR, when the server logs there with {@code
 * -Xlog:gc*,safepoint:file=...}).
 *
 * <p>Arguments: SERVER_DIR CORPUS [RATE=1000] [SECONDS=60] [CONNECTIONS=8] [WARMUP_SECONDS=15]
 */
public final class AdmissionLoad {
  private AdmissionLoad() {}

  private static final long TIMEOUT_MS = 10_000;
  private static final long MAX_RECORDED = TimeUnit.SECONDS.toNanos(120);
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(20);

  /** Result of one measured phase. */
  private record Phase(
      String path,
      int sent,
      int ok,
      int errors,
      int abandoned,
      double seconds,
      Histogram latency,
      Histogram service,
      ServerCost cost) {

    /** Requests that reached the server: answered, or failed on the wire. */
    int attempted() {
      return ok + errors - abandoned;
    }

    double p(double percentile) {
      return latency.getTotalCount() == 0
          ? Double.NaN
          : latency.getValueAtPercentile(percentile) / 1e6;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%-9s sent %6d  ok %6d  errors %4d (never sent %4d)  %7.1f/s"
              + "  p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms"
              + "  (service time p50 %6.2f p99 %7.2f ms)",
          path,
          sent,
          ok,
          errors,
          abandoned,
          ok / seconds,
          p(50),
          p(99),
          p(99.9),
          latency.getMaxValue() / 1e6,
          service.getValueAtPercentile(50) / 1e6,
          service.getValueAtPercentile(99) / 1e6);
    }
  }

  /**
   * What the server spent during a phase: CPU time (of which its JIT compiler threads'), GC pauses,
   * safepoints.
   */
  private record ServerCost(
      double cpuSeconds,
      double jitSeconds,
      int gcPauses,
      double gcPauseMs,
      double gcPauseMaxMs,
      int safepoints,
      double safepointMs,
      double safepointMaxMs) {

    String line(int requests) {
      return String.format(
          Locale.ROOT,
          "server: CPU %.1f s (%.3f ms per request; JIT compiler threads %.1f s)  GC pauses %d,"
              + " total %.1f ms, max %.2f ms  safepoints %d, total %.1f ms, max %.2f ms",
          cpuSeconds,
          requests == 0 ? Double.NaN : cpuSeconds * 1e3 / requests,
          jitSeconds,
          gcPauses,
          gcPauseMs,
          gcPauseMaxMs,
          safepoints,
          safepointMs,
          safepointMaxMs);
    }
  }

  /** Counters of the server process read at a phase's start, to subtract at its end. */
  private record ServerMark(double cpuSeconds, double jitSeconds, int gcLines) {}

  public static void main(String[] args) throws Exception {
    Path serverDir = Path.of(args[0]);
    Path corpus = Path.of(args.length > 1 ? args[1] : "../shared/corpora/real-world");
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
    int connections = args.length > 4 ? Integer.parseInt(args[4]) : 8;
    int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 15;

    List<byte[]> reviews = reviews(corpus);
    int port = Integer.parseInt(Files.readString(serverDir.resolve("port")).trim());
    String caPem = Files.readString(serverDir.resolve("ca.pem"));
    System.out.printf(
        Locale.ROOT,
        "admission load: %d reviews from %s (workloads), %d/s for %d s per phase, %d keep-alive"
            + " TLS connections, %d s warm-up; client process sees %d processors%n",
        reviews.size(),
        corpus,
        rate,
        seconds,
        connections,
        warmup,
        Runtime.getRuntime().availableProcessors());

    Target target = new Target(trusting(caPem).getSocketFactory(), port);
    Server server = new Server(serverDir);
    run(
        target,
        server,
        List.of("/validate?timeout=10s", "/noop"),
        reviews,
        rate,
        warmup,
        connections,
        List.of("w", "w"));
    Phase validate =
        run(
                target,
                server,
                List.of("/validate?timeout=10s"),
                reviews,
                rate,
                seconds,
                connections,
                List.of("/validate"))
            .get(0);
    Phase noop =
        run(target, server, List.of("/noop"), reviews, rate, seconds, connections, List.of("/noop"))
            .get(0);
    List<Phase> mixed =
        run(
            target,
            server,
            List.of("/validate?timeout=10s", "/noop"),
            reviews,
            rate * 2,
            seconds,
            connections,
            List.of("/validate", "/noop"));
    System.out.println("sequential phases (latency from each request's scheduled start):");
    System.out.println("  " + validate.line());
    System.out.println("    " + validate.cost().line(validate.attempted()));
    System.out.println("  " + noop.line());
    System.out.println("    " + noop.cost().line(noop.attempted()));
    ratio(validate, noop);
    System.out.println("interleaved phase (alternating requests, each endpoint at the rate):");
    System.out.println("  " + mixed.get(0).line());
    System.out.println("  " + mixed.get(1).line());
    System.out.println(
        "    " + mixed.get(0).cost().line(mixed.get(0).attempted() + mixed.get(1).attempted()));
    ratio(mixed.get(0), mixed.get(1));
  }

  private static void ratio(Phase validate, Phase noop) {
    System.out.printf(
        Locale.ROOT,
        "  ratio /validate : /noop  p50 %.2f  p99 %.2f  p99.9 %.2f%n",
        validate.p(50) / noop.p(50),
        validate.p(99) / noop.p(99),
        validate.p(99.9) / noop.p(99.9));
  }

  /** One AdmissionReview (CREATE) per workload of the corpus. */
  static List<byte[]> reviews(Path corpus) {
    ReadResult read =
        new FileSource().read(List.of(corpus.toString()), new ByteArrayInputStream(new byte[0]));
    List<byte[]> out = new ArrayList<>();
    int uid = 0;
    for (KubeObject o : read.objects()) {
      if (PodSpecView.of(o).isEmpty()) {
        continue;
      }
      ObjectNode req = JsonOutput.object();
      req.put("uid", "bench-" + uid++);
      String apiVersion = o.apiVersion();
      int slash = apiVersion.indexOf('/');
      ObjectNode kind = req.putObject("kind");
      kind.put("group", slash < 0 ? "" : apiVersion.substring(0, slash));
      kind.put("version", slash < 0 ? apiVersion : apiVersion.substring(slash + 1));
      kind.put("kind", o.kind());
      req.put("namespace", o.namespace().isEmpty() ? "default" : o.namespace());
      req.put("name", o.name());
      req.put("operation", "CREATE");
      req.putObject("userInfo").put("username", "bench");
      req.set("object", o.raw());
      ObjectNode root = JsonOutput.object();
      root.put("apiVersion", "admission.k8s.io/v1");
      root.put("kind", "AdmissionReview");
      root.set("request", req);
      out.add(JsonOutput.mapper().writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no workloads under " + corpus);
    }
    return out;
  }

  private static SSLContext trusting(String caPem) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry(
        "ca",
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** The server's process, when it told its pid and logs GC where we can read it. */
  private static final class Server {
    private final Path dir;
    private final long pid;
    private final long ticksPerSecond = 100; // USER_HZ: 100 on every Linux architecture in use

    Server(Path dir) throws IOException {
      this.dir = dir;
      Path p = dir.resolve("pid");
      this.pid = Files.exists(p) ? Long.parseLong(Files.readString(p).trim()) : -1;
    }

    ServerMark mark() {
      return new ServerMark(cpuSeconds(), jitSeconds(), gcLines().size());
    }

    ServerCost since(ServerMark m) {
      List<String> lines = gcLines();
      int pauses = 0;
      double pauseMs = 0;
      double pauseMax = 0;
      int safepoints = 0;
      double safepointMs = 0;
      double safepointMax = 0;
      for (String line : lines.subList(Math.min(m.gcLines(), lines.size()), lines.size())) {
        Matcher pause = GC_PAUSE.matcher(line);
        if (pause.find()) {
          double ms = Double.parseDouble(pause.group(1));
          pauses++;
          pauseMs += ms;
          pauseMax = Math.max(pauseMax, ms);
          continue;
        }
        Matcher sp = SAFEPOINT.matcher(line);
        if (sp.find()) {
          double ms = Long.parseLong(sp.group(1)) / 1e6;
          safepoints++;
          safepointMs += ms;
          safepointMax = Math.max(safepointMax, ms);
        }
      }
      return new ServerCost(
          cpuSeconds() - m.cpuSeconds(),
          jitSeconds() - m.jitSeconds(),
          pauses,
          pauseMs,
          pauseMax,
          safepoints,
          safepointMs,
          safepointMax);
    }

    private double cpuSeconds() {
      return pid < 0 ? Double.NaN : cpuSeconds(Path.of("/proc/" + pid + "/stat"));
    }

    /**
     * CPU time of the HotSpot compiler threads ("C1 CompilerThread0", "C2 CompilerThread0", ...;
     * the kernel keeps the first 15 characters of a thread's name). With one or two CPUs the JVM
     * keeps its two compiler threads for its whole life, so the difference of two readings is the
     * JIT's CPU time between them.
     */
    private double jitSeconds() {
      if (pid < 0) {
        return Double.NaN;
      }
      double sum = 0;
      try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
        for (Path task : (Iterable<Path>) tasks::iterator) {
          String name = Files.readString(task.resolve("comm")).trim();
          if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            sum += cpuSeconds(task.resolve("stat"));
          }
        }
        return sum;
      } catch (IOException | RuntimeException e) {
        return Double.NaN; // a thread ended between the listing and the read, or no procfs
      }
    }

    private double cpuSeconds(Path stat) {
      try {
        String s = Files.readString(stat);
        // fields after the command name, which is in parentheses and may hold spaces
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) ticksPerSecond;
      } catch (IOException | RuntimeException e) {
        return Double.NaN;
      }
    }

    private List<String> gcLines() {
      Path log = dir.resolve("gc.log");
      try {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
      } catch (IOException e) {
        return List.of();
      }
    }
  }

  // "[12.3s][info][gc] GC(4) Pause Young (Allocation Failure) 40M->3M(123M) 1.234ms"
  private static final Pattern GC_PAUSE =
      Pattern.compile("\\]\\[gc\\s*\\] GC\\(\\d+\\) Pause .* ([0-9.]+)ms$");
  // "[12.3s][info][safepoint] Safepoint "Cleanup", ..., Total: 12345 ns"
  private static final Pattern SAFEPOINT =
      Pattern.compile("\\]\\[safepoint\\s*\\] Safepoint .*Total: (\\d+) ns");

  /** Where requests go. */
  private record Target(SSLSocketFactory tls, int port) {}

  /** One keep-alive TLS connection, one request at a time. */
  private static final class Connection implements AutoCloseable {
    private final Target target;
    private SSLSocket socket;
    private OutputStream out;
    private InputStream in;

    Connection(Target target) {
      this.target = target;
    }

    /** Sends one POST and reads the whole answer; returns the status. */
    int post(String path, byte[] body) throws IOException {
      if (socket == null) {
        socket = (SSLSocket) target.tls().createSocket("127.0.0.1", target.port());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) TIMEOUT_MS);
        socket.startHandshake();
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      }
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nhost: 127.0.0.1:"
              + target.port()
              + "\r\ncontent-type: application/json\r\ncontent-length: "
              + body.length
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String status = readLine();
      if (status == null || !status.startsWith("HTTP/1.1 ")) {
        throw new IOException("bad status line: " + status);
      }
      int length = -1;
      boolean close = false;
      for (String h = readLine(); h != null && !h.isEmpty(); h = readLine()) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(lower.substring(15).trim());
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          close = true;
        }
      }
      if (length < 0) {
        throw new IOException("answer without content-length");
      }
      if (in.readNBytes(length).length != length) {
        throw new IOException("answer cut short");
      }
      if (close) {
        reset();
      }
      return Integer.parseInt(status.substring(9, 12));
    }

    private String readLine() throws IOException {
      StringBuilder sb = new StringBuilder();
      for (int c = in.read(); c != -1; c = in.read()) {
        if (c == '\n') {
          int n = sb.length();
          return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
        }
        sb.append((char) c);
      }
      return null;
    }

    @Override
    public void close() {
      reset();
    }

    /** Drops the connection; the next request opens a new one. */
    void reset() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
      socket = null;
    }
  }

  /** A request due at {@code intended} (nanoTime). */
  private record Job(long intended, int which, byte[] body) {}

  private static final Job END = new Job(0, -1, new byte[0]);

  /**
   * Sends {@code rate} requests per second for {@code seconds}, open-loop, taking the paths in
   * turn, over {@code connections} keep-alive connections; returns once every request is answered
   * or failed. One phase per path.
   */
  private static List<Phase> run(
      Target target,
      Server server,
      List<String> paths,
      List<byte[]> reviews,
      int rate,
      int seconds,
      int connections,
      List<String> names)
      throws InterruptedException {
    int total = rate * seconds;
    int k = paths.size();
    long period = 1_000_000_000L / rate;
    Histogram[] latency = new Histogram[k];
    Histogram[] service = new Histogram[k];
    AtomicInteger[] ok = new AtomicInteger[k];
    AtomicInteger[] errors = new AtomicInteger[k];
    AtomicInteger[] abandoned = new AtomicInteger[k];
    int[] sent = new int[k];
    for (int j = 0; j < k; j++) {
      ok[j] = new AtomicInteger();
      errors[j] = new AtomicInteger();
      abandoned[j] = new AtomicInteger();
      latency[j] = new ConcurrentHistogram(MAX_RECORDED, 3);
      service[j] = new ConcurrentHistogram(MAX_RECORDED, 3);
    }
    AtomicLong lastEnd = new AtomicLong();
    // once the schedule is through, a server that cannot keep up gets DRAIN more; requests still
    // queued then are counted as errors, with their latency so far
    AtomicLong abandonAt = new AtomicLong(Long.MAX_VALUE);
    BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    List<Thread> workers = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread t =
          new Thread(
              () -> {
                try (Connection conn = new Connection(target)) {
                  for (Job job = take(queue); job != END; job = take(queue)) {
                    int which = job.which();
                    long sentAt = System.nanoTime();
                    if (sentAt > abandonAt.get()) {
                      latency[which].recordValue(Math.min(sentAt - job.intended(), MAX_RECORDED));
                      errors[which].incrementAndGet();
                      abandoned[which].incrementAndGet();
                      continue;
                    }
                    int status;
                    Exception failure = null;
                    try {
                      status = conn.post(paths.get(which), job.body());
                    } catch (IOException | RuntimeException e) {
                      conn.reset(); // a new connection for the next request
                      status = -1;
                      failure = e;
                    }
                    long end = System.nanoTime();
                    latency[which].recordValue(Math.min(end - job.intended(), MAX_RECORDED));
                    service[which].recordValue(Math.min(end - sentAt, MAX_RECORDED));
                    lastEnd.accumulateAndGet(end, Math::max);
                    if (status == 200) {
                      ok[which].incrementAndGet();
                    } else if (errors[which].incrementAndGet() == 1) {
                      System.err.println(
                          "first error on "
                              + names.get(which)
                              + ": "
                              + (failure != null ? failure : "HTTP " + status));
                    }
                  }
                }
              },
              "load-" + c);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
    ServerMark mark = server.mark();
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long intended = start + i * period;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int which = i % k;
      sent[which]++;
      queue.add(new Job(intended, which, reviews.get(i % reviews.size())));
    }
    abandonAt.set(System.nanoTime() + DRAIN_NANOS);
    for (int c = 0; c < connections; c++) {
      queue.add(END);
    }
    for (Thread t : workers) {
      t.join();
    }
    ServerCost cost = server.since(mark);
    int abandonedAll = 0;
    for (AtomicInteger a : abandoned) {
      abandonedAll += a.get();
    }
    if (abandonedAll > 0) {
      System.err.printf(
          Locale.ROOT,
          "%s: %d requests still queued %d s after the schedule ended, counted as errors%n",
          names,
          abandonedAll,
          TimeUnit.NANOSECONDS.toSeconds(DRAIN_NANOS));
    }
    double elapsed = (lastEnd.get() - start) / 1e9;
    List<Phase> out = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      out.add(
          new Phase(
              names.get(j),
              sent[j],
              ok[j].get(),
              errors[j].get(),
              abandoned[j].get(),
              elapsed,
              latency[j],
              service[j],
              cost));
    }
    TimeUnit.MILLISECONDS.sleep(200);
    return out;
  }

  private static Job take(BlockingQueue<Job> queue) {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return END;
    }
  }
}
