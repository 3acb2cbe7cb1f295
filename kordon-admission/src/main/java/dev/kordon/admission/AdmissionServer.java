package dev.kordon.admission;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The HTTPS front of the webhook, on Vert.x core. The event loop only moves bytes: it checks the
 * size of the body while it arrives, and hands the complete body to a worker pool that parses,
 * evaluates and encodes, so that a slow evaluation never stalls other requests. Each request has a
 * deadline for its body (slow clients) and one for its evaluation; when the evaluation misses it,
 * the request is answered by the policy's failure mode.
 *
 * <p>Paths: {@code POST /validate} (query ignored: the API server adds {@code ?timeout=10s}),
 * {@code GET /healthz}, {@code /readyz}, {@code /metrics}; the last three move to a plain-HTTP port
 * when {@link Options#metricsPort} is set.
 */
public final class AdmissionServer implements AutoCloseable {

  /** Most synthetic reviews evaluated before the port opens. */
  static final int WARM_UP_REVIEWS = 50_000;

  /** The API server's own request limit. */
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";
  static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  /** TLS 1.2 suites with forward secrecy and AEAD, and the TLS 1.3 suites. */
  static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /**
   * How the server runs.
   *
   * @param bodyTimeout longest time from the request's arrival to the end of its body
   * @param evaluationTimeout longest evaluation before the failure mode answers
   * @param idleTimeout a connection without traffic this long is closed
   * @param workers evaluation threads
   * @param maxInFlight evaluations queued or running before requests are refused with 503
   * @param reloadInterval how often the policy file is checked for changes
   * @param metricsPort serve health and metrics on this plain-HTTP port instead of the TLS one
   * @param noopEndpoint also serve {@code POST /noop}: reads the body and answers a constant
   *     review, the floor that benchmarks compare {@code /validate} against
   * @param maxConnections open TLS connections beyond this are closed at once (the API server keeps
   *     a few keep-alive connections per replica; this bounds what anyone else can hold)
   * @param headerTimeout longest TLS handshake, longest time from a connection's start to its first
   *     request's complete headers, and from the first byte of each later request on a kept-alive
   *     connection to its complete headers; traffic extends none of them
   * @param warmUp longest time spent evaluating synthetic reviews before the port opens (at most
   *     {@value #WARM_UP_REVIEWS} reviews; it ends earlier once the JIT compiler is quiet), so that
   *     the first real reviews find compiled code and no compiler thread competing for the CPU:
   *     half in-process, the rest over HTTPS on a private loopback listener ({@link WarmUp})
   * @param tlsEngine the TLS implementation: OpenSSL when it loads ({@link TlsEngine#AUTO}), or one
   *     forced
   */
  public record Options(
      String host,
      int port,
      Duration bodyTimeout,
      Duration evaluationTimeout,
      Duration idleTimeout,
      int eventLoops,
      int workers,
      int maxInFlight,
      Duration reloadInterval,
      OptionalInt metricsPort,
      boolean noopEndpoint,
      int maxConnections,
      Duration headerTimeout,
      Duration warmUp,
      TlsEngine tlsEngine) {

    public static Options defaults() {
      int cores = Runtime.getRuntime().availableProcessors();
      return new Options(
          "0.0.0.0",
          8443,
          Duration.ofSeconds(10),
          Duration.ofSeconds(2),
          Duration.ofSeconds(90),
          Math.max(1, Math.min(cores, 4)),
          Math.max(2, cores * 2),
          512,
          Duration.ofSeconds(10),
          OptionalInt.empty(),
          false,
          1024,
          Duration.ofSeconds(10),
          Duration.ofSeconds(15),
          TlsEngine.AUTO);
    }

    public Options withAddress(String newHost, int newPort) {
      Copy c = new Copy(this);
      c.host = newHost;
      c.port = newPort;
      return c.build();
    }

    public Options withTimeouts(Duration body, Duration evaluation, Duration idle) {
      Copy c = new Copy(this);
      c.bodyTimeout = body;
      c.evaluationTimeout = evaluation;
      c.idleTimeout = idle;
      return c.build();
    }

    public Options withPool(int newWorkers, int newMaxInFlight) {
      Copy c = new Copy(this);
      c.workers = newWorkers;
      c.maxInFlight = newMaxInFlight;
      return c.build();
    }

    public Options withMetricsPort(int p) {
      Copy c = new Copy(this);
      c.metricsPort = OptionalInt.of(p);
      return c.build();
    }

    public Options withNoopEndpoint() {
      Copy c = new Copy(this);
      c.noopEndpoint = true;
      return c.build();
    }

    public Options withMaxConnections(int max) {
      Copy c = new Copy(this);
      c.maxConnections = max;
      return c.build();
    }

    /** Evaluate synthetic reviews for at most this long before listening; zero for none. */
    public Options withWarmUp(Duration budget) {
      Copy c = new Copy(this);
      c.warmUp = budget;
      return c.build();
    }

    public Options withHeaderTimeout(Duration timeout) {
      Copy c = new Copy(this);
      c.headerTimeout = timeout;
      return c.build();
    }

    public Options withTlsEngine(TlsEngine engine) {
      Copy c = new Copy(this);
      c.tlsEngine = engine;
      return c.build();
    }

    /** A changeable copy, so that each {@code withX} names only what it changes. */
    private static final class Copy {
      String host;
      int port;
      Duration bodyTimeout;
      Duration evaluationTimeout;
      Duration idleTimeout;
      int eventLoops;
      int workers;
      int maxInFlight;
      Duration reloadInterval;
      OptionalInt metricsPort;
      boolean noopEndpoint;
      int maxConnections;
      Duration headerTimeout;
      Duration warmUp;
      TlsEngine tlsEngine;

      Copy(Options o) {
        host = o.host;
        port = o.port;
        bodyTimeout = o.bodyTimeout;
        evaluationTimeout = o.evaluationTimeout;
        idleTimeout = o.idleTimeout;
        eventLoops = o.eventLoops;
        workers = o.workers;
        maxInFlight = o.maxInFlight;
        reloadInterval = o.reloadInterval;
        metricsPort = o.metricsPort;
        noopEndpoint = o.noopEndpoint;
        maxConnections = o.maxConnections;
        headerTimeout = o.headerTimeout;
        warmUp = o.warmUp;
        tlsEngine = o.tlsEngine;
      }

      Options build() {
        return new Options(
            host,
            port,
            bodyTimeout,
            evaluationTimeout,
            idleTimeout,
            eventLoops,
            workers,
            maxInFlight,
            reloadInterval,
            metricsPort,
            noopEndpoint,
            maxConnections,
            headerTimeout,
            warmUp,
            tlsEngine);
      }
    }
  }

  /** A serving certificate chain and its private key, PEM (PKCS#8 or PKCS#1). */
  public record Tls(String certificatePem, String privateKeyPem) {}

  /** What a worker produced for one request. */
  private record Reply(int status, String contentType, byte[] body) {}

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final java.util.function.Supplier<Tls> tlsSource;
  private final List<HttpServer> tlsServers = new ArrayList<>();
  private io.vertx.core.net.ServerSSLOptions sslOptions;
  private Tls currentTls;
  private final List<HttpServer> servers = new ArrayList<>();
  private final PolicyReloader policy;
  private final Options options;
  private final Consumer<String> log;

  /** Replaced once after the warm-up, so that its synthetic requests are not counted. */
  private volatile Metrics metrics = new Metrics();

  private TlsEngine.Choice engine;
  private final ReviewCodec codec = new ReviewCodec();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicBoolean noDecoderLogged = new AtomicBoolean();
  private final byte[] noopReply;
  private int port;
  private int metricsPort = -1;
  private volatile boolean draining;
  private long reloadTimer = -1;

  private AdmissionServer(
      java.util.function.Supplier<Tls> tlsSource,
      PolicyReloader policy,
      Options options,
      Consumer<String> log) {
    this.tlsSource = tlsSource;
    this.policy = policy;
    this.options = options;
    this.log = log;
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(options.eventLoops())
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(2)
                .setMaxWorkerExecuteTime(options.evaluationTimeout().toNanos() * 5)
                .setMaxWorkerExecuteTimeUnit(TimeUnit.NANOSECONDS));
    this.workers =
        vertx.createSharedWorkerExecutor(
            "kordon-evaluation",
            options.workers(),
            options.evaluationTimeout().toNanos() * 5,
            TimeUnit.NANOSECONDS);
    this.noopReply =
        ("{\"apiVersion\":\""
                + ReviewCodec.API_VERSION
                + "\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"\",\"allowed\":true}}")
            .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Starts listening; returns once the port is bound.
   *
   * @throws IllegalStateException when the port cannot be bound or the key is unusable
   */
  public static AdmissionServer start(
      Tls tls, PolicyReloader policy, Options options, Consumer<String> log) {
    return start(() -> tls, policy, options, log);
  }

  /**
   * Starts listening with the certificate the source gives, and checks the source again whenever
   * the policy file is checked (and on {@link #reloadNow}): a rotated certificate (cert-manager, or
   * {@code install} run again) is served to new connections without a restart.
   */
  public static AdmissionServer start(
      java.util.function.Supplier<Tls> tlsSource,
      PolicyReloader policy,
      Options options,
      Consumer<String> log) {
    AdmissionServer s = new AdmissionServer(tlsSource, policy, options, log);
    try {
      s.engine = options.tlsEngine().choose();
      log.accept("TLS through " + s.engine.description());
      Tls tls = tlsSource.get();
      s.warmUp(tls);
      s.metrics = new Metrics();
      s.metrics.tlsEngine(s.engine.name());
      s.listen(tls);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /**
   * Synthetic reviews in-process for up to half the budget, then over HTTPS on a private loopback
   * listener for the rest; the real port opens afterwards.
   */
  private void warmUp(Tls tls) {
    long t0 = System.nanoTime();
    WarmUp.Outcome local =
        WarmUp.inProcess(policy.current(), codec, options.warmUp().dividedBy(2), WARM_UP_REVIEWS);
    if (local.reviews() > 0) {
      log.accept("warm-up in-process: " + local.describe());
    }
    Duration left = options.warmUp().minusNanos(System.nanoTime() - t0);
    if (local.reviews() == 0 || left.toMillis() < 100) {
      return;
    }
    try {
      log.accept("warm-up over loopback TLS: " + overLoopback(tls, left).describe());
    } catch (RuntimeException e) {
      // the real listener does not depend on it: a cold start is slower, not wrong
      log.accept("warm-up over loopback TLS stopped: " + e.getMessage());
    }
  }

  /** Connections of the loopback warm-up, each with one review at a time, as the API server. */
  private static final int WARM_UP_CONNECTIONS = 4;

  private WarmUp.Outcome overLoopback(Tls tls, Duration budget) {
    HttpServer local =
        vertx
            .createHttpServer(
                new HttpServerOptions(tlsOptions(tls)).setHost("127.0.0.1").setPort(0))
            // not counted against maxConnections: they may still be closing when the port opens
            .connectionHandler(this::watchHeaders)
            .requestHandler(this::tls);
    int localPort = await(local.listen()).actualPort();
    io.vertx.core.http.HttpClientAgent client =
        vertx.createHttpClient(
            new io.vertx.core.http.HttpClientOptions()
                .setSsl(true)
                .setSslEngineOptions(engine.options().copy())
                // its own listener, on loopback, with the certificate just loaded
                .setTrustAll(true)
                .setVerifyHost(false)
                .setKeepAlive(true),
            new io.vertx.core.http.PoolOptions().setHttp1MaxSize(WARM_UP_CONNECTIONS));
    try {
      List<byte[]> bodies = WarmUp.reviews();
      int[] next = {0};
      return WarmUp.until(
          budget,
          WARM_UP_REVIEWS,
          0,
          () -> {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < WARM_UP_CONNECTIONS * 2; i++) {
              Buffer body = Buffer.buffer(bodies.get(next[0]++ % bodies.size()));
              answers.add(
                  client
                      .request(
                          new io.vertx.core.http.RequestOptions()
                              .setMethod(HttpMethod.POST)
                              .setHost("127.0.0.1")
                              .setPort(localPort)
                              .setURI("/validate")
                              .putHeader("content-type", JSON))
                      .compose(req -> req.send(body))
                      .compose(res -> res.body().map(b -> res.statusCode())));
            }
            for (Future<Integer> a : answers) {
              int status = await(a);
              if (status != 200) {
                throw new IllegalStateException("a synthetic review was answered " + status);
              }
            }
            return answers.size();
          });
    } finally {
      await(client.close());
      await(local.close());
    }
  }

  private void connected(io.vertx.core.http.HttpConnection conn) {
    conn.closeHandler(v -> connections.decrementAndGet());
    if (connections.incrementAndGet() > options.maxConnections()) {
      conn.close();
      return;
    }
    watchHeaders(conn);
  }

  private HttpServerOptions tlsOptions(Tls tls) {
    HttpServerOptions o =
        new HttpServerOptions()
            .setHost(options.host())
            .setSsl(true)
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .addCertValue(Buffer.buffer(tls.certificatePem()))
                    .addKeyValue(Buffer.buffer(Certificates.toPkcs8(tls.privateKeyPem()))))
            .setEnabledSecureTransportProtocols(new LinkedHashSet<>(List.of("TLSv1.2", "TLSv1.3")))
            .setSslHandshakeTimeout(options.headerTimeout().toMillis())
            .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
            .setIdleTimeout((int) options.idleTimeout().toMillis())
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
            .setMaxInitialLineLength(4096)
            .setMaxHeaderSize(16 * 1024)
            .setCompressionSupported(false)
            .setDecompressionSupported(false)
            .setUseAlpn(false)
            .setSslEngineOptions(engine.options().copy());
    for (String suite : CIPHER_SUITES) {
      o.addEnabledCipherSuite(suite);
    }
    return o;
  }

  private void listen(Tls tls) {
    HttpServerOptions o = tlsOptions(tls);
    this.sslOptions = o.getSslOptions().copy();
    this.currentTls = tls;
    // one server per event loop; Vert.x shares the socket among servers asking for the same
    // port, but not for port 0, so a free port is picked first
    int requested = options.port() == 0 ? freePort(options.host()) : options.port();
    int bound = -1;
    for (int i = 0; i < options.eventLoops(); i++) {
      HttpServer server =
          vertx
              .createHttpServer(new HttpServerOptions(o).setPort(requested))
              .connectionHandler(this::connected)
              .requestHandler(this::tls);
      servers.add(server);
      tlsServers.add(server);
      int got = await(server.listen()).actualPort();
      if (bound != -1 && got != bound) {
        throw new IllegalStateException("servers bound to different ports " + bound + ", " + got);
      }
      bound = got;
    }
    this.port = bound;
    if (options.metricsPort().isPresent()) {
      HttpServer plain =
          vertx
              .createHttpServer(
                  new HttpServerOptions()
                      .setHost(options.host())
                      .setPort(options.metricsPort().getAsInt())
                      .setIdleTimeout((int) options.idleTimeout().toMillis())
                      .setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
              .requestHandler(this::plain);
      servers.add(plain);
      this.metricsPort = await(plain.listen()).actualPort();
    }
    reloadTimer =
        vertx.setPeriodic(
            options.reloadInterval().toMillis(),
            id ->
                workers.executeBlocking(
                    () -> {
                      reloadNow();
                      return null;
                    },
                    false));
  }

  private static int freePort(String host) {
    try (java.net.ServerSocket probe =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return probe.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot find a free port on " + host, e);
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(
          "cannot start the admission server: " + e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot start the admission server: timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }

  /** The bound TLS port (useful with port 0). */
  public int port() {
    return port;
  }

  /** The bound plain-HTTP metrics port, or -1. */
  public int metricsPort() {
    return metricsPort;
  }

  public Metrics metrics() {
    return metrics;
  }

  /** The TLS implementation serving connections: {@code openssl} or {@code jdk}. */
  public String tlsEngine() {
    return engine.name();
  }

  /** Checks the policy file now, as the periodic timer does; see {@link PolicyReloader#check}. */
  public java.util.Optional<Boolean> reloadNow() {
    java.util.Optional<Boolean> r = policy.check();
    r.ifPresent(metrics::reload);
    reloadTls();
    return r;
  }

  /** Serves a new certificate to new connections when the source gives a different one. */
  private synchronized void reloadTls() {
    Tls next;
    String key;
    try {
      next = tlsSource.get();
      if (next.equals(currentTls)) {
        return;
      }
      key = Certificates.toPkcs8(next.privateKeyPem());
    } catch (RuntimeException e) {
      log.accept("new TLS certificate rejected, the previous one stays in use: " + e.getMessage());
      return;
    }
    io.vertx.core.net.ServerSSLOptions updated =
        sslOptions
            .copy()
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .addCertValue(Buffer.buffer(next.certificatePem()))
                    .addKeyValue(Buffer.buffer(key)));
    try {
      for (HttpServer s : tlsServers) {
        await(s.updateSSLOptions(updated));
      }
      currentTls = next;
      log.accept("TLS certificate reloaded");
    } catch (RuntimeException e) {
      log.accept("new TLS certificate rejected, the previous one stays in use: " + e.getMessage());
      currentTls = next; // do not retry the same broken pair every interval
    }
  }

  /**
   * Reports not ready from now on, while still serving reviews: on shutdown, the Service stops
   * routing here before the listener closes, so that no review is refused.
   */
  public void drain() {
    draining = true;
  }

  /**
   * Every request's headers are due within the header timeout: the first from the connection's
   * start, each later one from its first byte ({@link HeaderDeadline}).
   */
  private void watchHeaders(io.vertx.core.http.HttpConnection conn) {
    io.netty.channel.ChannelPipeline pipeline =
        ((io.vertx.core.net.impl.ConnectionBase) conn).channel().pipeline();
    if (!HeaderDeadline.install(pipeline, options.headerTimeout(), metrics::headerTimeout)
        && noDecoderLogged.compareAndSet(false, true)) {
      log.accept("no HTTP/1.1 decoder in the connection's pipeline: header timeout not applied");
    }
  }

  private void tls(HttpServerRequest req) {
    long start = System.nanoTime();
    String path = req.path();
    if (path.equals("/validate")) {
      review(req, start, false);
    } else if (options.noopEndpoint() && path.equals("/noop")) {
      review(req, start, true);
    } else if (options.metricsPort().isEmpty() && isHealthPath(path)) {
      health(req, start);
    } else {
      reply(req, start, "other", 404, TEXT, bytes("not found: use POST /validate\n"), false);
    }
  }

  private void plain(HttpServerRequest req) {
    long start = System.nanoTime();
    if (isHealthPath(req.path())) {
      health(req, start);
    } else {
      reply(req, start, "other", 404, TEXT, bytes("not found\n"), false);
    }
  }

  private static boolean isHealthPath(String path) {
    return path.equals("/healthz") || path.equals("/readyz") || path.equals("/metrics");
  }

  private void health(HttpServerRequest req, long start) {
    String path = req.path();
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
      reply(req, start, path, 405, TEXT, bytes("use GET\n"), false);
    } else if (path.equals("/metrics")) {
      StringBuilder text = new StringBuilder(metrics.render());
      policy.signatures().render(text);
      reply(req, start, path, 200, PROMETHEUS, bytes(text.toString()), false);
    } else if (path.equals("/readyz") && draining) {
      reply(req, start, path, 503, TEXT, bytes("shutting down\n"), false);
    } else {
      reply(req, start, path, 200, TEXT, bytes("ok\n"), false);
    }
  }

  /** Per-request state, touched only on the request's event loop. */
  private static final class Exchange {
    Buffer body;
    boolean finished;
    long bodyTimer = -1;
  }

  private void review(HttpServerRequest req, long start, boolean noop) {
    String path = noop ? "/noop" : "/validate";
    if (req.method() != HttpMethod.POST) {
      reply(req, start, path, 405, TEXT, bytes("use POST\n"), false);
      return;
    }
    String declared = req.getHeader("content-length");
    if (declared != null) {
      long n;
      try {
        n = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        reply(req, start, path, 400, TEXT, bytes("invalid Content-Length\n"), true);
        return;
      }
      if (n > MAX_BODY_BYTES) {
        reply(req, start, path, 413, TEXT, tooLarge(), true);
        return;
      }
    }
    Exchange x = new Exchange();
    // grow with the data: a declared length is a claim, and reserving it up front would let
    // idle connections claim 3 MiB each
    x.body =
        Buffer.buffer(
            declared != null ? Math.min(Integer.parseInt(declared.trim()), 64 * 1024) : 4096);
    x.bodyTimer =
        vertx.setTimer(
            options.bodyTimeout().toMillis(),
            id -> {
              if (!x.finished) {
                x.finished = true;
                reply(
                    req,
                    start,
                    path,
                    408,
                    TEXT,
                    bytes("request body not received within " + options.bodyTimeout() + "\n"),
                    true);
              }
            });
    req.handler(
        chunk -> {
          if (x.finished) {
            return;
          }
          if (x.body.length() + chunk.length() > MAX_BODY_BYTES) {
            x.finished = true;
            vertx.cancelTimer(x.bodyTimer);
            reply(req, start, path, 413, TEXT, tooLarge(), true);
            return;
          }
          x.body.appendBuffer(chunk);
        });
    req.exceptionHandler(
        e -> {
          if (!x.finished) {
            x.finished = true;
            vertx.cancelTimer(x.bodyTimer);
          }
        });
    req.endHandler(
        v -> {
          if (x.finished) {
            return;
          }
          x.finished = true;
          vertx.cancelTimer(x.bodyTimer);
          if (noop) {
            reply(req, start, path, 200, JSON, noopReply, false);
          } else {
            evaluate(req, start, x.body.getBytes());
          }
        });
  }

  private void evaluate(HttpServerRequest req, long start, byte[] body) {
    if (inFlight.incrementAndGet() > options.maxInFlight()) {
      inFlight.decrementAndGet();
      // the API server applies the webhook's failurePolicy to a 503
      reply(req, start, "/validate", 503, TEXT, bytes("overloaded: too many reviews\n"), false);
      return;
    }
    Reviewer reviewer = policy.current();
    AtomicBoolean answered = new AtomicBoolean();
    AtomicReference<AdmissionRequest> parsed = new AtomicReference<>();
    // image signature checks have a budget of their own, on top of the evaluation's
    long deadline = options.evaluationTimeout().plus(reviewer.imageBudget()).toMillis();
    long timer =
        vertx.setTimer(
            deadline,
            id -> {
              if (answered.compareAndSet(false, true)) {
                AdmissionRequest r = parsed.get();
                String why = "evaluation exceeded " + deadline + " ms";
                log.accept(
                    "review " + (r == null ? "(unparsed)" : r.describe()) + " timed out: " + why);
                if (r == null) {
                  reply(req, start, "/validate", 503, TEXT, bytes(why + "\n"), false);
                } else {
                  Decision d = reviewer.failure(r, why);
                  metrics.decision(d, r.dryRun(), System.nanoTime() - start);
                  reply(req, start, "/validate", 200, JSON, codec.response(r.uid(), d), false);
                }
              }
            });
    workers
        .executeBlocking(() -> work(body, reviewer, parsed), false)
        .onComplete(
            ar -> {
              inFlight.decrementAndGet();
              if (!answered.compareAndSet(false, true)) {
                return;
              }
              vertx.cancelTimer(timer);
              if (ar.succeeded()) {
                Reply r = ar.result();
                reply(req, start, "/validate", r.status(), r.contentType(), r.body(), false);
                return;
              }
              // an Error escaping the reviewer (it catches every RuntimeException)
              AdmissionRequest r = parsed.get();
              String why = String.valueOf(ar.cause());
              log.accept("review " + (r == null ? "(unparsed)" : r.describe()) + " failed: " + why);
              if (r == null) {
                reply(req, start, "/validate", 500, TEXT, bytes("internal error\n"), false);
              } else {
                Decision d = reviewer.failure(r, why);
                metrics.decision(d, r.dryRun(), System.nanoTime() - start);
                reply(req, start, "/validate", 200, JSON, codec.response(r.uid(), d), false);
              }
            });
  }

  private Reply work(byte[] body, Reviewer reviewer, AtomicReference<AdmissionRequest> parsed) {
    long t0 = System.nanoTime();
    AdmissionRequest r;
    try {
      r = codec.parse(body);
    } catch (BadReview e) {
      return new Reply(400, TEXT, bytes("bad AdmissionReview: " + e.getMessage() + "\n"));
    }
    parsed.set(r);
    Decision d = reviewer.review(r);
    if (d.outcome() == Decision.Outcome.ERROR) {
      log.accept("review " + Text.printable(r.describe()) + " failed: " + d.note());
    }
    byte[] out = codec.response(r.uid(), d);
    metrics.decision(d, r.dryRun(), System.nanoTime() - t0);
    return new Reply(200, JSON, out);
  }

  private void reply(
      HttpServerRequest req,
      long start,
      String path,
      int status,
      String contentType,
      byte[] body,
      boolean close) {
    var res = req.response();
    if (res.ended() || res.closed()) {
      return;
    }
    res.setStatusCode(status).putHeader("content-type", contentType);
    if (close) {
      res.putHeader("connection", "close");
    }
    res.end(Buffer.buffer(body))
        .onComplete(
            v -> {
              if (close) {
                req.connection().close();
              }
            });
    metrics.request(path, status, System.nanoTime() - start);
  }

  private static byte[] tooLarge() {
    return bytes("request body larger than " + MAX_BODY_BYTES + " bytes\n");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      // the reload timer would otherwise fire into the closed worker pool while Vert.x stops
      if (reloadTimer != -1) {
        vertx.cancelTimer(reloadTimer);
      }
      await(vertx.close());
    } catch (RuntimeException e) {
      log.accept("error while stopping: " + e.getMessage());
    }
  }
}
