package dev.kordon.server;

import dev.kordon.report.SafeText;
import dev.kordon.server.Views.ClusterSummary;
import dev.kordon.server.Views.FindingQuery;
import dev.kordon.server.Views.Point;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kordon serve}: the HTTP API ({@code POST /api/v1/reports}, {@code GET /api/v1/clusters},
 * {@code GET /healthz}) and the dashboard, on Vert.x. Database work runs on worker threads; the
 * event loop only routes and writes.
 */
public final class KordonServer implements AutoCloseable {
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final String SESSION_COOKIE = "kordon_session";
  private static final String CSRF_COOKIE = "kordon_csrf";
  private static final int CLUSTER_NAME_MAX = 253;

  private final History history;
  private final Tokens tokens;
  private final ServerOptions options;
  private final LongSupplier clock;
  private final Consumer<String> log;
  private final Vertx vertx;
  private final Sessions sessions;
  private final ReportParser parser = new ReportParser();
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, byte[]> assets;
  private HttpServer server;

  private KordonServer(
      History history,
      Tokens tokens,
      ServerOptions options,
      LongSupplier clock,
      Consumer<String> log) {
    this.history = history;
    this.tokens = tokens;
    this.options = options;
    this.clock = clock;
    this.log = log;
    this.sessions = new Sessions(clock);
    this.assets =
        Map.of(
            "kordon.css", asset("kordon.css"),
            "kordon.js", asset("kordon.js"),
            "favicon.svg", asset("favicon.svg"));
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(2)
                .setWorkerPoolSize(8)
                .setMaxWorkerExecuteTime(5)
                .setMaxWorkerExecuteTimeUnit(TimeUnit.MINUTES)
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
  }

  /** Starts listening; returns once the port is bound. */
  public static KordonServer start(
      History history,
      Tokens tokens,
      ServerOptions options,
      LongSupplier clock,
      Consumer<String> log) {
    KordonServer s = new KordonServer(history, tokens, options, clock, log);
    try {
      s.listen();
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  public int port() {
    return server.actualPort();
  }

  private void listen() {
    HttpServerOptions o =
        new HttpServerOptions()
            .setHost(options.host())
            .setPort(options.port())
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(16 * 1024)
            .setCompressionSupported(true)
            .setIdleTimeout(120)
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
    if (options.tls()) {
      o.setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(options.tlsCert().orElseThrow().toString())
                  .setKeyPath(options.tlsKey().orElseThrow().toString()));
    }
    server = vertx.createHttpServer(o).requestHandler(router());
    await(server.listen());
  }

  private Router router() {
    Router r = Router.router(vertx);
    r.route().handler(this::securityHeaders);
    r.get("/healthz").handler(this::health);
    r.post("/api/v1/reports")
        .handler(BodyHandler.create(false).setBodyLimit(options.maxUploadBytes()))
        .handler(this::upload);
    r.get("/api/v1/clusters").handler(this::apiClusters);
    r.get("/api/v1/clusters/:name/baseline").handler(this::apiBaseline);
    r.get("/static/:file").handler(this::asset);
    r.get("/login").handler(this::loginForm);
    r.post("/login").handler(BodyHandler.create(false).setBodyLimit(8192)).handler(this::login);
    r.post("/logout").handler(BodyHandler.create(false).setBodyLimit(8192)).handler(this::logout);
    r.get("/").handler(this::fleet);
    r.get("/clusters/:name").handler(this::cluster);
    r.get("/findings").handler(this::findings);
    r.get("/findings/:id").handler(this::finding);
    r.route().last().handler(ctx -> page(ctx, 404, Pages.error(404, "No such page.", null)));
    r.route().failureHandler(this::failure);
    return r;
  }

  private void securityHeaders(RoutingContext ctx) {
    HttpServerResponse res = ctx.response();
    res.putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "same-origin");
    if (options.tls()) {
      res.putHeader("Strict-Transport-Security", "max-age=31536000");
    }
    ctx.next();
  }

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
    Throwable t = ctx.failure();
    if (status == 500 && t != null) {
      log.accept("kordon: internal error on " + ctx.request().path() + ": " + describe(t));
    }
    String message =
        switch (status) {
          case 413 -> "the upload is larger than " + options.maxUploadBytes() + " bytes";
          case 400 -> "bad request";
          default -> "internal error";
        };
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.request().path().startsWith("/api/")) {
      apiError(ctx, status, message);
    } else {
      page(ctx, status, Pages.error(status, message, null));
    }
  }

  private static String describe(Throwable t) {
    return SafeText.line(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
  }

  // ---- API ------------------------------------------------------------------------------

  private void health(RoutingContext ctx) {
    blocking(ctx, history::healthy)
        .onSuccess(
            ok ->
                ctx.response()
                    .setStatusCode(ok ? 200 : 503)
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end(ok ? "ok\n" : "database unavailable\n"));
  }

  private void upload(RoutingContext ctx) {
    String cluster = ctx.request().getParam("cluster");
    String source = Optional.ofNullable(ctx.request().getParam("source")).orElse("");
    if (cluster == null || !validClusterName(cluster)) {
      apiError(
          ctx,
          400,
          "name the cluster: ?cluster=NAME (1 to 253 letters, digits, '.', '_', ':' or '-')");
      return;
    }
    if (!source.isEmpty() && !source.matches("[a-z][a-z-]{0,31}")) {
      apiError(ctx, 400, "source: lower-case letters and '-', at most 32");
      return;
    }
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    blocking(
            ctx,
            () -> {
              Optional<Access> access = bearer(ctx);
              if (access.isEmpty()) {
                return ApiResult.error(401, "an upload needs Authorization: Bearer <token>");
              }
              if (!access.get().canUpload(cluster)) {
                return ApiResult.error(
                    403, "token '" + access.get().tokenName() + "' may not upload to " + cluster);
              }
              UploadedReport report;
              try {
                report = parser.parse(body);
              } catch (InvalidReport e) {
                return ApiResult.error(400, "invalid report: " + e.getMessage());
              }
              String from = source.isEmpty() ? report.command().split(" ")[0] : source;
              try {
                StoredReport stored = history.store(cluster, from, report, clock.getAsLong());
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("report", stored.id());
                out.put("cluster", stored.cluster());
                out.put("new", stored.newFindings());
                out.put("fixed", stored.fixedFindings());
                out.put("findings", report.findings().size());
                return new ApiResult(201, out);
              } catch (SQLException e) {
                log.accept(
                    "kordon: upload for "
                        + SafeText.line(cluster)
                        + " not stored (rolled back): "
                        + describe(e));
                return ApiResult.error(
                    503,
                    "the report could not be stored and nothing of it was kept: " + describe(e));
              }
            })
        .onSuccess(result -> apiJson(ctx, result.status(), result.body()));
  }

  private record ApiResult(int status, Object body) {
    static ApiResult error(int status, String message) {
      return new ApiResult(status, Map.of("error", message));
    }
  }

  private void apiClusters(RoutingContext ctx) {
    blocking(
            ctx,
            () -> {
              Optional<Access> access = bearer(ctx);
              if (access.isEmpty() || !access.get().readsAnything()) {
                return ApiResult.error(401, "reading needs a token with read scope");
              }
              List<Map<String, Object>> out = new java.util.ArrayList<>();
              for (ClusterSummary c : history.clusters(access.get().readableClusters())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("latestReport", java.time.Instant.ofEpochMilli(c.receivedMs()).toString());
                m.put("reports", c.reports());
                m.put("findings", c.counts().total());
                Map<String, Object> sev = new LinkedHashMap<>();
                sev.put("critical", c.counts().critical());
                sev.put("high", c.counts().high());
                sev.put("medium", c.counts().medium());
                sev.put("low", c.counts().low());
                m.put("bySeverity", sev);
                m.put("new", c.newFindings());
                m.put("fixed", c.fixedFindings());
                Map<String, Object> scores = new LinkedHashMap<>();
                for (Views.Score s : c.scores()) {
                  scores.put(s.framework(), s.score().isPresent() ? s.score().getAsDouble() : null);
                }
                m.put("scores", scores);
                out.add(m);
              }
              return new ApiResult(200, Map.of("clusters", out));
            })
        .onSuccess(result -> apiJson(ctx, result.status(), result.body()));
  }

  /** The open findings of a cluster as a minimal report: {@code scan --baseline-from}. */
  private void apiBaseline(RoutingContext ctx) {
    String cluster = ctx.pathParam("name");
    blocking(
            ctx,
            () -> {
              Optional<Access> access = bearer(ctx);
              if (access.isEmpty() || !access.get().canRead(cluster)) {
                return ApiResult.error(
                    401, "reading " + cluster + " needs a token with read scope");
              }
              if (history.cluster(cluster, Optional.empty()).isEmpty()) {
                return ApiResult.error(404, "no reports for cluster " + cluster);
              }
              List<Map<String, String>> findings = new java.util.ArrayList<>();
              for (String fp : history.openFingerprints(cluster)) {
                findings.add(Map.of("fingerprint", fp));
              }
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("schemaVersion", "1");
              out.put("tool", Map.of("name", "kordon", "version", "server"));
              out.put("cluster", cluster);
              out.put("findings", findings);
              return new ApiResult(200, out);
            })
        .onSuccess(result -> apiJson(ctx, result.status(), result.body()));
  }

  private Optional<Access> bearer(RoutingContext ctx) throws SQLException {
    String h = ctx.request().getHeader("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return tokens.check(h.substring(7).strip());
  }

  private void apiJson(RoutingContext ctx, int status, Object body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store");
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"kordon\"");
    }
    ctx.response().end(json.writeValueAsString(body) + "\n");
  }

  private void apiError(RoutingContext ctx, int status, String message) {
    apiJson(ctx, status, Map.of("error", message));
  }

  static boolean validClusterName(String name) {
    return name.length() <= CLUSTER_NAME_MAX && name.matches("[A-Za-z0-9._:-]+");
  }

  // ---- dashboard ------------------------------------------------------------------------

  private void asset(RoutingContext ctx) {
    byte[] body = assets.get(ctx.pathParam("file"));
    if (body == null) {
      ctx.next();
      return;
    }
    String file = ctx.pathParam("file");
    String type =
        file.endsWith(".css")
            ? "text/css; charset=utf-8"
            : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "image/svg+xml";
    ctx.response()
        .putHeader("Content-Type", type)
        .putHeader("Cache-Control", "max-age=3600")
        .end(Buffer.buffer(body));
  }

  private static byte[] asset(String name) {
    try (InputStream in = KordonServer.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource web/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reader: a dashboard session, or a bearer token (scripts, the load test). */
  private record Reader(Access access, String csrf) {
    Optional<Set<String>> clusters() {
      return access.readableClusters();
    }
  }

  private Optional<Reader> reader(RoutingContext ctx) throws SQLException {
    Cookie c = ctx.request().getCookie(SESSION_COOKIE);
    Optional<Sessions.Session> s = sessions.find(c == null ? null : c.getValue());
    if (s.isPresent()) {
      return Optional.of(new Reader(s.get().access(), s.get().csrf()));
    }
    Optional<Access> token = bearer(ctx);
    return token.filter(Access::readsAnything).map(a -> new Reader(a, null));
  }

  /** Renders a page for a logged-in reader, or sends the browser to the login form. */
  private void dashboard(RoutingContext ctx, PageRenderer renderer) {
    blocking(
            ctx,
            () -> {
              Optional<Reader> reader = reader(ctx);
              if (reader.isEmpty()) {
                return null;
              }
              return renderer.render(reader.get());
            })
        .onSuccess(
            html -> {
              if (html == null) {
                ctx.response()
                    .setStatusCode(303)
                    .putHeader(
                        "Location", Html.query("/login", Html.params("next", ctx.request().uri())))
                    .end();
              } else {
                page(ctx, html.status(), html.body());
              }
            });
  }

  private record Rendered(int status, String body) {}

  @FunctionalInterface
  private interface PageRenderer {
    Rendered render(Reader reader) throws SQLException;
  }

  private void page(RoutingContext ctx, int status, String html) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(html);
  }

  private void fleet(RoutingContext ctx) {
    dashboard(
        ctx,
        reader -> {
          List<ClusterSummary> clusters = history.clusters(reader.clusters());
          Map<String, List<Point>> trends = new LinkedHashMap<>();
          for (ClusterSummary c : clusters) {
            trends.put(c.name(), history.trend(c.name(), 30));
          }
          return new Rendered(200, Pages.fleet(clusters, trends, reader.csrf()));
        });
  }

  private void cluster(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    dashboard(
        ctx,
        reader -> {
          Optional<ClusterSummary> c = history.cluster(name, reader.clusters());
          if (c.isEmpty()) {
            return new Rendered(404, Pages.error(404, "No such cluster.", reader.csrf()));
          }
          long report = c.get().reportId();
          return new Rendered(
              200,
              Pages.cluster(
                  c.get(),
                  history.trend(name, 60),
                  history.namespaces(name, 50),
                  history.controls(report),
                  history.changedBy(report, true, 50),
                  history.changedBy(report, false, 50),
                  history.summaries(report),
                  reader.csrf()));
        });
  }

  private void findings(RoutingContext ctx) {
    FindingQuery q;
    try {
      q =
          new FindingQuery(
              ctx.request().getParam("cluster"),
              ctx.request().getParam("severity"),
              ctx.request().getParam("control"),
              ctx.request().getParam("namespace"),
              ctx.request().getParam("state"),
              ctx.request().getParam("q"),
              parseInt(ctx.request().getParam("page"), 1),
              50,
              parseLong(ctx.request().getParam("after")),
              parseLong(ctx.request().getParam("before")));
    } catch (IllegalArgumentException e) {
      page(ctx, 400, Pages.error(400, e.getMessage(), null));
      return;
    }
    dashboard(
        ctx,
        reader ->
            new Rendered(
                200,
                Pages.search(
                    q,
                    history.search(q, reader.clusters()),
                    history.clusters(reader.clusters()).stream().map(ClusterSummary::name).toList(),
                    reader.csrf())));
  }

  private static long parseLong(String s) {
    return s == null || !s.matches("\\d{1,18}") ? 0 : Long.parseLong(s);
  }

  private static int parseInt(String s, int fallback) {
    if (s == null || !s.matches("\\d{1,9}")) {
      return fallback;
    }
    return Integer.parseInt(s);
  }

  private void finding(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!id.matches("\\d{1,18}")) {
      page(ctx, 404, Pages.error(404, "No such finding.", null));
      return;
    }
    dashboard(
        ctx,
        reader -> {
          Optional<Views.FindingRow> f = history.finding(Long.parseLong(id), reader.clusters());
          if (f.isEmpty()) {
            return new Rendered(404, Pages.error(404, "No such finding.", reader.csrf()));
          }
          return new Rendered(
              200, Pages.finding(f.get(), history.periods(f.get().id()), reader.csrf()));
        });
  }

  // ---- login ----------------------------------------------------------------------------

  private void loginForm(RoutingContext ctx) {
    String csrf = sessions.randomToken();
    ctx.response().addCookie(cookie(CSRF_COOKIE, csrf));
    page(ctx, 200, Pages.login(csrf, safeNext(ctx.request().getParam("next")), null));
  }

  private Cookie cookie(String name, String value) {
    return Cookie.cookie(name, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSecure(options.tls())
        .setSameSite(CookieSameSite.STRICT);
  }

  /** Only a path on this server: never an absolute or protocol-relative URL. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
      return "/";
    }
    return next;
  }

  private boolean sameOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null || origin.equals("null")) {
      return origin == null;
    }
    // the authority, not the Host header: an HTTP/2 request has only :authority
    io.vertx.core.net.HostAndPort a = ctx.request().authority();
    if (a == null) {
      return false;
    }
    String host = a.port() > 0 ? a.host() + ":" + a.port() : a.host();
    return origin.equals((options.tls() ? "https://" : "http://") + host);
  }

  private static boolean sameToken(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private void login(RoutingContext ctx) {
    Cookie csrfCookie = ctx.request().getCookie(CSRF_COOKIE);
    String formCsrf = ctx.request().getFormAttribute("csrf");
    if (!sameOrigin(ctx) || csrfCookie == null || !sameToken(csrfCookie.getValue(), formCsrf)) {
      page(
          ctx,
          403,
          Pages.error(403, "The form expired or came from another site; log in again.", null));
      return;
    }
    String token = ctx.request().getFormAttribute("token");
    String next = safeNext(ctx.request().getFormAttribute("next"));
    blocking(ctx, () -> tokens.check(token == null ? null : token.strip()))
        .onSuccess(
            access -> {
              if (access.isEmpty() || !access.get().readsAnything()) {
                String csrf = sessions.randomToken();
                ctx.response().addCookie(cookie(CSRF_COOKIE, csrf));
                page(ctx, 401, Pages.login(csrf, next, "That token is unknown or cannot read."));
                return;
              }
              String id = sessions.start(access.get());
              ctx.response().addCookie(cookie(SESSION_COOKIE, id)).removeCookie(CSRF_COOKIE);
              ctx.response().setStatusCode(303).putHeader("Location", next).end();
            });
  }

  private void logout(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(SESSION_COOKIE);
    Optional<Sessions.Session> s = sessions.find(c == null ? null : c.getValue());
    if (s.isEmpty()
        || !sameOrigin(ctx)
        || !sameToken(s.get().csrf(), ctx.request().getFormAttribute("csrf"))) {
      page(ctx, 403, Pages.error(403, "The form expired or came from another site.", null));
      return;
    }
    sessions.end(c.getValue());
    ctx.response().removeCookie(SESSION_COOKIE);
    ctx.response().setStatusCode(303).putHeader("Location", "/login").end();
  }

  // ---- plumbing -------------------------------------------------------------------------

  private <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
    return vertx.executeBlocking(work, false).onFailure(ctx::fail);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot start the server: " + describe(e.getCause()), e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot start the server: timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.accept("kordon: server did not stop cleanly: " + describe(e));
    }
  }
}
