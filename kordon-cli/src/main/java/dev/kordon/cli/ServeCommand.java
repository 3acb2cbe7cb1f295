package dev.kordon.cli;

import dev.kordon.report.Report;
import dev.kordon.report.SafeText;
import dev.kordon.server.Database;
import dev.kordon.server.History;
import dev.kordon.server.InvalidReport;
import dev.kordon.server.KordonServer;
import dev.kordon.server.ReportParser;
import dev.kordon.server.Scope;
import dev.kordon.server.ServerOptions;
import dev.kordon.server.StoredReport;
import dev.kordon.server.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kordon serve}: report history, HTTP API and dashboard; {@code serve token create}. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Keep the reports that 'kordon scan --upload' sends, and show posture over time in a"
          + " browser: fleet overview, clusters, findings with their history.",
      "Reports are stored in an H2 file under the user's data directory unless --db names"
          + " another database (a jdbc:postgresql: URL for teams). Uploads and reads need a token"
          + " from 'kordon serve token create'."
    },
    footer = {
      "",
      "API: POST /api/v1/reports?cluster=NAME (a JSON report), GET /api/v1/clusters,"
          + " GET /healthz; send Authorization: Bearer TOKEN.",
      "Exit codes: 2 when the database cannot be opened or the address is taken.",
      "",
      "Examples:",
      "  kordon serve --keep 90d",
      "  kordon serve --listen 0.0.0.0:8443 --tls-cert tls.crt --tls-key tls.key \\",
      "      --db 'jdbc:postgresql://db/kordon?user=kordon' --keep 90d",
      "  kordon serve --scan-cluster --every 1h --cluster-name prod"
    })
final class ServeCommand implements Callable<Integer> {
  private final Io io;

  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      paramLabel = "URL",
      description =
          "JDBC URL of the history database (default: an H2 file in the user's data"
              + " directory).")
  String db;

  @Option(
      names = "--listen",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1:8080",
      description = "HOST:PORT to listen on (default: port 8080 on the loopback address).")
  String listen;

  @Option(names = "--tls-cert", paramLabel = "FILE", description = "Certificate chain, PEM.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Private key, PEM.")
  Path tlsKey;

  @Option(
      names = "--keep",
      paramLabel = "AGE",
      description = "Forget reports older than AGE, e.g. 90d or 12h (default: keep all).")
  String keep;

  @Option(
      names = "--max-upload",
      paramLabel = "MIB",
      defaultValue = "64",
      description = "Largest report accepted, in MiB (default: ${DEFAULT-VALUE}).")
  int maxUploadMib;

  @Option(
      names = "--scan-cluster",
      description = "Also scan the cluster the server runs in (or the kubeconfig's) and keep it.")
  boolean scanCluster;

  @Option(
      names = "--every",
      paramLabel = "AGE",
      defaultValue = "1h",
      description = "With --scan-cluster: how often (default: ${DEFAULT-VALUE}).")
  String every;

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      defaultValue = "in-cluster",
      description = "With --scan-cluster: the name its reports are kept under.")
  String clusterName;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "With --scan-cluster: the kubeconfig of the cluster to scan (default: in a pod, the"
              + " pod's own; else $KUBECONFIG or ~/.kube/config).")
  Path kubeconfig;

  /** Stops a running server: closes it, its timer and its database (for tests and the hook). */
  private volatile Runnable stop = () -> {};

  ServeCommand(Io io) {
    this.io = io;
  }

  static CommandLine create(Io io) {
    CommandLine cl = new CommandLine(new ServeCommand(io));
    CommandLine token = new CommandLine(new TokenGroup());
    token.addSubcommand("create", new TokenCreate(io));
    cl.addSubcommand("token", token);
    return cl;
  }

  @Override
  public Integer call() throws Exception {
    ServerOptions options = options();
    Optional<Duration> interval = Optional.empty();
    if (kubeconfig != null && !scanCluster) {
      throw new ParameterException(spec.commandLine(), "--kubeconfig needs --scan-cluster");
    }
    if (scanCluster) {
      interval = Optional.of(duration("--every", every));
      if (!KordonServerNames.valid(clusterName)) {
        throw new ParameterException(spec.commandLine(), "--cluster-name: not a cluster name");
      }
    }
    Database database = openDatabase(spec, db, io);
    History history = new History(database);
    KordonServer server =
        KordonServer.start(
            history, new Tokens(database), options, System::currentTimeMillis, this::log);
    log(
        "kordon "
            + Report.Tool.KORDON.version()
            + " serving "
            + (options.tls() ? "https://" : "http://")
            + options.host()
            + ":"
            + server.port()
            + "/ with history in "
            + database.describe());
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    if (options.keep().isPresent()) {
      long keepMs = options.keep().get().toMillis();
      timer.scheduleWithFixedDelay(
          () -> retain(history, keepMs), 0, Math.min(keepMs, 3_600_000L), TimeUnit.MILLISECONDS);
    }
    if (interval.isPresent()) {
      timer.scheduleWithFixedDelay(
          () -> scanOnce(history), 0, interval.get().toMillis(), TimeUnit.MILLISECONDS);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();
    Runnable close =
        () -> {
          if (closed.compareAndSet(false, true)) {
            timer.shutdownNow();
            server.close();
            database.close();
            stopped.countDown();
          }
        };
    Thread hook = new Thread(close, "kordon-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stop =
        () -> {
          close.run();
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to undo
          }
        };
    stopped.await();
    return ExitCode.OK;
  }

  /** Stops the server {@link #call} runs, which then returns. */
  void stop() {
    stop.run();
  }

  private void retain(History history, long keepMs) {
    try {
      int deleted = history.retain(System.currentTimeMillis() - keepMs);
      if (deleted > 0) {
        log("retention: forgot " + deleted + " reports older than " + keep);
      }
    } catch (SQLException e) {
      log("retention failed: " + SafeText.line(String.valueOf(e.getMessage())));
    }
  }

  /** One scan of the cluster through the scan command itself, kept as source "serve". */
  private void scanOnce(History history) {
    try {
      Path out = Files.createTempFile("kordon-serve-scan", ".json");
      try {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Io quiet =
            new Io(
                java.io.InputStream.nullInputStream(),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
                false,
                io.env());
        int code = Main.run(scanArguments(out), quiet);
        if (code == ExitCode.ERROR && Files.size(out) == 0) {
          log("cluster scan failed: " + SafeText.line(err.toString().strip()));
          return;
        }
        StoredReport stored =
            history.store(
                clusterName,
                "serve",
                new ReportParser().parse(Files.readAllBytes(out)),
                System.currentTimeMillis());
        log(
            "cluster scan kept as report "
                + stored.id()
                + ": "
                + stored.newFindings()
                + " new, "
                + stored.fixedFindings()
                + " fixed");
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (java.io.IOException | SQLException | InvalidReport | RuntimeException e) {
      log("cluster scan failed: " + SafeText.line(String.valueOf(e.getMessage())));
    }
  }

  private String[] scanArguments(Path out) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of("scan", "--cluster", "--format", "json", "--output", out.toString()));
    if (kubeconfig != null) {
      args.add("--kubeconfig");
      args.add(kubeconfig.toString());
    }
    return args.toArray(String[]::new);
  }

  private ServerOptions options() {
    int colon = listen.lastIndexOf(':');
    if (colon <= 0 || colon == listen.length() - 1) {
      throw new ParameterException(spec.commandLine(), "--listen: expected HOST:PORT");
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "--listen: not a port: " + listen);
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--listen: not a port: " + listen);
    }
    String host = listen.substring(0, colon).replaceAll("^\\[|\\]$", "");
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
    }
    for (Path p : new Path[] {tlsCert, tlsKey}) {
      if (p != null && !Files.isReadable(p)) {
        throw new ParameterException(spec.commandLine(), "cannot read " + p);
      }
    }
    if (maxUploadMib < 1 || maxUploadMib > 4096) {
      throw new ParameterException(spec.commandLine(), "--max-upload: 1 to 4096 MiB");
    }
    return new ServerOptions(
        host,
        port,
        Optional.ofNullable(tlsCert),
        Optional.ofNullable(tlsKey),
        maxUploadMib * 1024L * 1024L,
        keep == null ? Optional.empty() : Optional.of(duration("--keep", keep)));
  }

  private Duration duration(String option, String word) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([dhm])").matcher(word);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new ParameterException(
          spec.commandLine(), option + ": expected a number and d, h or m, e.g. 90d, got " + word);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofMinutes(n);
    };
  }

  static Database openDatabase(CommandSpec spec, String url, Io io) {
    String chosen = url == null ? Database.defaultUrl(io.env()) : url;
    try {
      return Database.open(chosen, io.env());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot open the history database: " + SafeText.line(String.valueOf(e.getMessage())), e);
    }
  }

  private void log(String line) {
    io.err().println(Instant.now() + " " + line);
  }

  /** Names the server accepts for clusters, shared with the upload's check. */
  static final class KordonServerNames {
    private KordonServerNames() {}

    static boolean valid(String name) {
      return name != null && name.length() <= 253 && name.matches("[A-Za-z0-9._:-]+");
    }
  }

  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = "API tokens for uploads and reads.",
      footer = {"", "Examples:", "  kordon serve token create ci-prod --scope upload:prod"})
  static final class TokenGroup extends CommandGroup {}

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create an API token in the server's database and print it as the last line of"
            + " standard output. It is shown once: only its SHA-256 is stored.",
        "A scope is read or upload, on one cluster (read:prod) or on all (read, read:*)."
      },
      footer = {
        "",
        "Examples:",
        "  kordon serve token create ci-prod --scope upload:prod",
        "  kordon serve token create dashboard --scope read",
        "  KORDON_TOKEN=$(kordon serve token create ci --scope upload:prod | tail -1)"
      })
  static final class TokenCreate implements Callable<Integer> {
    private final Io io;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "A name for the token.")
    String name;

    @Option(
        names = "--scope",
        split = ",",
        paramLabel = "SCOPE",
        description = "read[:CLUSTER] or upload[:CLUSTER], repeatable (default: read, upload).")
    List<String> scopes = new ArrayList<>();

    @Option(
        names = "--db",
        paramLabel = "URL",
        description = "JDBC URL of the server's database (default: the same as 'kordon serve').")
    String db;

    TokenCreate(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() throws Exception {
      List<Scope> parsed = new ArrayList<>();
      try {
        for (String s : scopes.isEmpty() ? List.of("read", "upload") : scopes) {
          parsed.add(Scope.parse(s));
        }
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--scope: " + e.getMessage());
      }
      try (Database database = openDatabase(spec, db, io)) {
        String token;
        try {
          token = new Tokens(database).create(name, parsed, System.currentTimeMillis());
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        io.out()
            .println(
                "token "
                    + name
                    + " ("
                    + String.join(", ", parsed.stream().map(Scope::toString).toList())
                    + "), shown once:");
        io.out().println(token);
        io.out().flush();
      }
      return ExitCode.OK;
    }
  }
}
