package dev.kordon.bench;

import dev.kordon.admission.AdmissionServer;
import dev.kordon.admission.Certificates;
import dev.kordon.admission.PolicyReloader;
import dev.kordon.admission.RuleSource;
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
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Load on the admission webhook: starts the server on 127.0.0.1 with a generated certificate and
 * the default policy, then drives it open-loop at a target rate from several keep-alive TLS clients
 * with AdmissionReviews built from every workload of the real-world corpus; then the same against
 * {@code /noop} on the same server (reads the body, answers a constant review). Latency is measured
 * from each request's scheduled start, so a stall delays the requests behind it too (no coordinated
 * omission). Prints throughput, p50/p99/p99.9 and the p99 ratio validate / noop.
 *
 * <p>Arguments: CORPUS [RATE=1000] [SECONDS=20] [CLIENTS=8] [WARMUP_SECONDS=10]
 */
public final class AdmissionLoad {
  private AdmissionLoad() {}

  /** Result of one measured phase. */
  private record Phase(
      String path, int sent, int ok, int errors, int skipped, double seconds, long[] nanos) {

    double percentile(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
      return nanos[Math.max(0, Math.min(nanos.length - 1, i))] / 1e6;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%-9s sent %6d  ok %6d  errors %3d  not sent (too many in flight) %3d  %7.1f/s"
              + "  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %7.2f ms",
          path,
          sent,
          ok,
          errors,
          skipped,
          ok / seconds,
          percentile(50),
          percentile(99),
          percentile(99.9),
          nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6);
    }
  }

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpora/real-world");
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;

    List<byte[]> reviews = reviews(corpus);
    System.out.printf(
        Locale.ROOT,
        "admission load: %d reviews from %s (workloads), %d/s for %d s, %d keep-alive TLS"
            + " clients, %d s warm-up, %d processors%n",
        reviews.size(),
        corpus,
        rate,
        seconds,
        clients,
        warmup,
        Runtime.getRuntime().availableProcessors());

    Certificates.ServingSet certs =
        new Certificates()
            .forNames(
                "kordon-bench-ca",
                List.of("localhost"),
                List.of("127.0.0.1"),
                Duration.ofDays(1),
                Certificates.KeyType.EC_P256,
                Certificates.KeyFormat.PKCS8,
                Instant.now());
    PolicyReloader policy =
        PolicyReloader.load(Optional.empty(), RuleSource.NONE, Clock.systemUTC(), s -> {});
    AdmissionServer.Options options =
        AdmissionServer.Options.defaults().withAddress("127.0.0.1", 0).withNoopEndpoint();
    ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    try (AdmissionServer server =
        AdmissionServer.start(
            new AdmissionServer.Tls(
                certs.serving().certificatePem(), certs.serving().privateKeyPem()),
            policy,
            options,
            System.err::println)) {
      SSLContext ssl = trusting(certs.ca().certificatePem());
      List<HttpClient> pool = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        pool.add(
            HttpClient.newBuilder()
                .sslContext(ssl)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads)
                .build());
      }
      String base = "https://127.0.0.1:" + server.port();
      run(pool, URI.create(base + "/validate?timeout=10s"), reviews, rate, warmup, "warm-up");
      Phase validate =
          run(
              pool,
              URI.create(base + "/validate?timeout=10s"),
              reviews,
              rate,
              seconds,
              "/validate");
      run(pool, URI.create(base + "/noop"), reviews, rate, Math.max(1, warmup / 2), "warm-up");
      Phase noop = run(pool, URI.create(base + "/noop"), reviews, rate, seconds, "/noop");
      // both endpoints in one phase, requests alternating, each at the full rate: on a shared
      // machine both then live through the same stalls, so this ratio is the steadier one
      List<Phase> mixed =
          run(
              pool,
              List.of(URI.create(base + "/validate?timeout=10s"), URI.create(base + "/noop")),
              reviews,
              rate * 2,
              seconds,
              List.of("/validate", "/noop"));
      System.out.println("sequential phases:");
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
        "  p99 ratio /validate : /noop = %.2f (p50 ratio %.2f)%n",
        validate.percentile(99) / noop.percentile(99),
        validate.percentile(50) / noop.percentile(50));
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
    long[] latencies = new long[total];
    AtomicInteger[] ok = new AtomicInteger[k];
    AtomicInteger[] errors = new AtomicInteger[k];
    int[] skipped = new int[k];
    int[] sent = new int[k];
    for (int j = 0; j < k; j++) {
      ok[j] = new AtomicInteger();
      errors[j] = new AtomicInteger();
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
      int slot = i;
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
                    latencies[slot] = end - intended;
                    lastEnd.accumulateAndGet(end, Math::max);
                    if (e == null && r.statusCode() == 200) {
                      ok[which].incrementAndGet();
                    } else {
                      errors[which].incrementAndGet();
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
      long[] mine = new long[total];
      int n = 0;
      for (int i = j; i < total; i += k) {
        if (latencies[i] > 0) {
          mine[n++] = latencies[i];
        }
      }
      long[] sorted = Arrays.copyOf(mine, n);
      Arrays.sort(sorted);
      out.add(
          new Phase(
              names.get(j), sent[j], ok[j].get(), errors[j].get(), skipped[j], elapsed, sorted));
    }
    TimeUnit.MILLISECONDS.sleep(200);
    return out;
  }
}
