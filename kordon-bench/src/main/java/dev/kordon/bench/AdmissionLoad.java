package dev.kordon.bench;

import dev.kordon.model.KubeObject;
import dev.kordon.report.JsonOutput;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.ObjectNode;

/**
 * The load client for the admission webhook, in a process of its own (see {@code
 * bench/admission-load.sh}, which starts {@link AdmissionBenchServer} in another, each on its own
 * core where {@code taskset} exists). Sends AdmissionReviews built from every workload of a corpus
 * open-loop at a fixed rate over keep-alive TLS: each request has a scheduled start, and its
 * latency is counted from that start, so a stall of the server delays the requests queued behind it
 * too and is counted for each of them (no coordinated omission). Latencies go to HdrHistogram.
 * Phases: warm-up, {@code /validate}, {@code /noop} (reads the body, answers a constant review: the
 * floor), then both interleaved in one phase, where both live through the same stalls of a shared
 * machine.
 *
 * <p>Arguments: SERVER_DIR CORPUS [RATE=1000] [SECONDS=60] [CONNECTIONS=8] [WARMUP_SECONDS=15]
 */
public final class AdmissionLoad {
  private AdmissionLoad() {}

  /** Result of one measured phase. */
  private record Phase(
      String path,
      int sent,
      int ok,
      int errors,
      int skipped,
      double seconds,
      Histogram latency,
      Histogram service) {

    double p(double percentile) {
      return latency.getTotalCount() == 0
          ? Double.NaN
          : latency.getValueAtPercentile(percentile) / 1e6;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%-9s sent %6d  ok %6d  errors %3d  not sent (256 in flight) %3d  %7.1f/s"
              + "  p50 %6.2f ms  p99 %6.2f ms  p99.9 %7.2f ms  max %7.2f ms"
              + "  (service time p50 %5.2f p99 %6.2f ms)",
          path,
          sent,
          ok,
          errors,
          skipped,
          ok / seconds,
          p(50),
          p(99),
          p(99.9),
          latency.getMaxValue() / 1e6,
          service.getValueAtPercentile(50) / 1e6,
          service.getValueAtPercentile(99) / 1e6);
    }
  }

  public static void main(String[] args) throws Exception {
    Path serverDir = Path.of(args[0]);
    Path corpus = Path.of(args.length > 1 ? args[1] : "../shared/corpora/real-world");
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
    int clients = args.length > 4 ? Integer.parseInt(args[4]) : 8;
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
        clients,
        warmup,
        Runtime.getRuntime().availableProcessors());

    ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    try {
      SSLContext ssl = trusting(caPem);
      List<HttpClient> pool = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        pool.add(
            HttpClient.newBuilder()
                .sslContext(ssl)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads)
                .build());
      }
      String base = "https://127.0.0.1:" + port;
      URI validateUri = URI.create(base + "/validate?timeout=10s");
      URI noopUri = URI.create(base + "/noop");
      run(pool, List.of(validateUri, noopUri), reviews, rate, warmup, List.of("w", "w"));
      Phase validate = run(pool, validateUri, reviews, rate, seconds, "/validate");
      Phase noop = run(pool, noopUri, reviews, rate, seconds, "/noop");
      List<Phase> mixed =
          run(
              pool,
              List.of(validateUri, noopUri),
              reviews,
              rate * 2,
              seconds,
              List.of("/validate", "/noop"));
      System.out.println("sequential phases (latency from each request's scheduled start):");
      System.out.println("  " + validate.line());
      System.out.println("  " + noop.line());
      ratio(validate, noop);
      System.out.println("interleaved phase (alternating requests, each endpoint at the rate):");
      System.out.println("  " + mixed.get(0).line());
      System.out.println("  " + mixed.get(1).line());
      ratio(mixed.get(0), mixed.get(1));
    } finally {
      clientThreads.shutdownNow();
    }
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
  private static List<byte[]> reviews(Path corpus) {
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

  private static Phase run(
      List<HttpClient> pool, URI uri, List<byte[]> reviews, int rate, int seconds, String name)
      throws InterruptedException {
    return run(pool, List.of(uri), reviews, rate, seconds, List.of(name)).get(0);
  }

  /**
   * Sends {@code rate} requests per second for {@code seconds}, open-loop, taking the URIs in turn;
   * stops by itself. One phase per URI.
   */
  private static List<Phase> run(
      List<HttpClient> pool,
      List<URI> uris,
      List<byte[]> reviews,
      int rate,
      int seconds,
      List<String> names)
      throws InterruptedException {
    int total = rate * seconds;
    int k = uris.size();
    int maxInFlight = 256;
    long period = 1_000_000_000L / rate;
    Histogram[] latency = new Histogram[k];
    Histogram[] service = new Histogram[k];
    AtomicInteger[] ok = new AtomicInteger[k];
    AtomicInteger[] errors = new AtomicInteger[k];
    int[] skipped = new int[k];
    int[] sent = new int[k];
    for (int j = 0; j < k; j++) {
      ok[j] = new AtomicInteger();
      errors[j] = new AtomicInteger();
      latency[j] = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
      service[j] = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
    }
    AtomicInteger inFlight = new AtomicInteger();
    AtomicLong lastEnd = new AtomicLong();
    long start = System.nanoTime();
    List<CompletableFuture<?>> all = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      long intended = start + i * period;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int which = i % k;
      if (inFlight.get() >= maxInFlight) {
        skipped[which]++;
        continue;
      }
      sent[which]++;
      inFlight.incrementAndGet();
      long sentAt = System.nanoTime();
      HttpRequest req =
          HttpRequest.newBuilder(uris.get(which))
              .timeout(Duration.ofSeconds(10))
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(reviews.get(i % reviews.size())))
              .build();
      all.add(
          pool.get(i % pool.size())
              .sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
              .whenComplete(
                  (r, e) -> {
                    long end = System.nanoTime();
                    latency[which].recordValue(Math.min(end - intended, 59_000_000_000L));
                    service[which].recordValue(Math.min(end - sentAt, 59_000_000_000L));
                    lastEnd.accumulateAndGet(end, Math::max);
                    if (e == null && r.statusCode() == 200) {
                      ok[which].incrementAndGet();
                    } else if (errors[which].incrementAndGet() == 1) {
                      System.err.println(
                          "first error on "
                              + names.get(which)
                              + ": "
                              + (e != null ? e : "HTTP " + r.statusCode()));
                    }
                    inFlight.decrementAndGet();
                  }));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
        .exceptionally(e -> null)
        .join();
    double elapsed = (lastEnd.get() - start) / 1e9;
    List<Phase> out = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      out.add(
          new Phase(
              names.get(j),
              sent[j],
              ok[j].get(),
              errors[j].get(),
              skipped[j],
              elapsed,
              latency[j],
              service[j]));
    }
    TimeUnit.MILLISECONDS.sleep(200);
    return out;
  }
}
