package dev.kordon.cli;

import dev.kordon.audit.AuditAnalyzer;
import dev.kordon.audit.AuditControls;
import dev.kordon.audit.AuditEvent;
import dev.kordon.audit.AuditSettings;
import dev.kordon.audit.FindingLines;
import dev.kordon.audit.Identities;
import dev.kordon.audit.LogInput;
import dev.kordon.audit.LogLimits;
import dev.kordon.audit.LogReader;
import dev.kordon.audit.MergedEvents;
import dev.kordon.control.Control;
import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.Summary;
import dev.kordon.rules.InvalidExpression;
import dev.kordon.rules.KubeCel;
import dev.kordon.rules.Requester;
import dev.kordon.rules.RuleFiles;
import dev.kordon.source.YamlTrees.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kordon audit LOG...}: detections over Kubernetes audit logs; {@code audit rbac} and {@code
 * audit policy} are its subcommands.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    customSynopsis = "kordon audit [OPTIONS] LOG...  |  kordon audit (rbac|policy) ...",
    description = {
      "Find the traces of an attack in Kubernetes audit logs; derive least-privilege roles from"
          + " them.",
      "",
      "Detections: exec into pods, privileged pods, Secret reads, Forbidden bursts, anonymous"
          + " access, bindings to cluster-admin, stolen tokens, erased Events, deleted webhooks,"
          + " CronJobs and DaemonSets made by hand (kordon controls list: KOR-0400 onwards)."
    },
    footer = {
      "",
      "LOG is a file as the log backend writes it (JSON lines), an EventList, a .gz file, or -"
          + " for stdin. A file is read with its rotated copies (audit.log.1, audit.log.2.gz, ...)."
          + " Several logs (one per API server) are merged by time.",
      "Formats: table, json, sarif, markdown, html, junit.",
      "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or an"
          + " unreadable log.",
      "",
      "Examples:",
      "  kordon audit /var/log/kubernetes/audit.log --since 24h",
      "  kordon audit apiserver-1.log apiserver-2.log --format json --fail-on high",
      "  kordon audit audit.log --follow",
      "  kordon audit rbac audit.log --serviceaccount shop/api",
      "  kordon audit policy /etc/kubernetes/audit-policy.yaml"
    })
final class AuditCommand implements Callable<Integer> {

  static final List<Format> FORMATS =
      List.of(Format.TABLE, Format.JSON, Format.SARIF, Format.MARKDOWN, Format.HTML, Format.JUNIT);

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin ReportOptions report = new ReportOptions();

  @Mixin UploadOptions upload = new UploadOptions();

  @Parameters(paramLabel = "LOG", description = "Audit logs to read; - for stdin.")
  List<String> logs = new ArrayList<>();

  @Mixin FailOnOption failOn = new FailOnOption();

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "Only events at or after TIME: an instant (2024-05-01T10:00:00Z) or an age (90m, 24h, 7d).")
  String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "Only events before TIME, written as for --since.")
  String until;

  @Option(
      names = "--follow",
      description =
          "Keep reading the log as it grows (rotation included) and print each new finding at once; stop with Ctrl-C.")
  boolean follow;

  @Option(
      names = "--rules",
      paramLabel = "PATH",
      description =
          "CEL rule files (kind: Rule, as for scan) run over each event as the object; match kinds: [Event].")
  List<String> rules = new ArrayList<>();

  @Option(
      names = "--identities",
      paramLabel = "FILE",
      description =
          "YAML adding to (or with replace: true, replacing) the system identities, expected Secret readers and anonymous paths.")
  Path identities;

  @Option(
      names = "--burst",
      paramLabel = "N/SECONDS",
      description =
          "A burst of Forbidden answers: N within SECONDS from one requester (default: ${DEFAULT-VALUE}).",
      defaultValue = "10/60")
  String burst;

  @Option(
      names = "--max-line-bytes",
      paramLabel = "BYTES",
      description = "Skip (and count) event lines longer than this (default: ${DEFAULT-VALUE}).",
      defaultValue = "16777216")
  int maxLineBytes;

  AuditCommand(Io io) {
    this.io = io;
  }

  static CommandLine create(Io io) {
    CommandLine cl = new CommandLine(new AuditCommand(io));
    cl.addSubcommand("rbac", new AuditRbacCommand(io));
    cl.addSubcommand("policy", new AuditPolicyCommand(io));
    return cl;
  }

  @Override
  public Integer call() throws IOException {
    Format format = report.format(spec, FORMATS);
    String uploadProblem = upload.problem(io);
    if (uploadProblem != null) {
      throw new ParameterException(spec.commandLine(), uploadProblem);
    }
    if (logs.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "nothing to read: give an audit log, or - for stdin");
    }
    Optional<Severity> threshold = failOn.threshold(spec);
    Instant now = Instant.now();
    long from = since == null ? Long.MIN_VALUE : micros(parseTime(since, now, "--since"));
    long to = until == null ? Long.MAX_VALUE : micros(parseTime(until, now, "--until"));
    AuditSettings settings = settings();
    List<ObjectControl> userRules = userRules();
    List<ScanError> problems = new ArrayList<>();
    AuditAnalyzer analyzer =
        new AuditAnalyzer(settings, userRules, follow ? f -> printNow(f, format) : null);
    long[] skipped = new long[1];
    try (MergedEvents events = open(logs, limits(), problems, follow)) {
      for (AuditEvent e = events.next(); e != null; e = events.next()) {
        if (e.micros() != AuditEvent.UNKNOWN_TIME && (e.micros() < from || e.micros() >= to)) {
          skipped[0]++;
          continue;
        }
        analyzer.accept(e);
      }
    }
    if (analyzer.dropped() > 0) {
      problems.add(
          ScanError.note(
              "",
              0,
              analyzer.dropped()
                  + " hits were dropped after "
                  + settings.maxFindings()
                  + " findings"));
    }
    List<Finding> findings = analyzer.findings();
    List<ControlInfo> controls = new ArrayList<>(AuditControls.detections());
    userRules.forEach(c -> controls.add(c.info()));
    String read =
        analyzer.events()
            + " events read"
            + (skipped[0] > 0 ? ", " + skipped[0] + " outside --since/--until" : "")
            + ", "
            + findings.size()
            + " findings";
    Report result =
        new Report(
            Report.Tool.KORDON,
            Summary.of((int) Math.min(Integer.MAX_VALUE, analyzer.events()), findings),
            findings,
            List.of(),
            problems.stream().filter(ScanError::isError).toList(),
            problems.stream().filter(p -> !p.isError()).toList(),
            controls,
            List.of(),
            List.of(new ReportSection.Text("audit", "", List.of(read), null)),
            "audit");
    report.write(result, format, io);
    if (upload.active() && !upload.send(result, "audit", io)) {
      return ExitCode.ERROR;
    }
    return ScanCommand.exitCode(result, threshold);
  }

  /** Opens the logs as one time-ordered stream; stdin is read from the command's input. */
  MergedEvents open(List<String> args, LogLimits limits, List<ScanError> problems, boolean tail)
      throws IOException {
    List<LogReader> readers = new ArrayList<>();
    for (LogInput in : LogInput.of(args)) {
      if (in.isStdin()) {
        readers.add(LogReader.ofStream(io.in(), LogInput.STDIN, limits, problems::add));
      } else {
        readers.add(new LogReader(in, limits, problems::add, tail, () -> false));
      }
    }
    return new MergedEvents(readers);
  }

  LogLimits limits() {
    try {
      return new LogLimits(maxLineBytes, LogLimits.DEFAULT.maxNesting());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--max-line-bytes: " + e.getMessage());
    }
  }

  private AuditSettings settings() {
    AuditSettings s = AuditSettings.defaults();
    if (identities != null) {
      try {
        s = s.withIdentities(Identities.withFile(identities));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--identities: " + e.getMessage());
      }
    }
    String[] parts = burst.split("/", 2);
    try {
      if (parts.length != 2) {
        throw new IllegalArgumentException("write N/SECONDS, e.g. 10/60");
      }
      long window = parseSeconds(parts[1]);
      s = s.withBurst(Integer.parseInt(parts[0].trim()), window);
      new AuditAnalyzer(s, List.of()); // validates the window
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--burst: " + e.getMessage());
    }
    return s;
  }

  private static long parseSeconds(String s) {
    String t = s.trim();
    if (t.endsWith("s")) {
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      return Long.parseLong(t.substring(0, t.length() - 1)) * 60;
    }
    return Long.parseLong(t);
  }

  private List<ObjectControl> userRules() {
    if (rules.isEmpty()) {
      return List.of();
    }
    KubeCel cel = new KubeCel();
    List<ObjectControl> out = new ArrayList<>();
    try {
      for (Control c :
          RuleFiles.load(rules, cel, Requester.DEFAULT).controls(cel, Requester.DEFAULT)) {
        if (c instanceof ObjectControl o) {
          out.add(o);
        }
      }
    } catch (ConfigException | InvalidExpression e) {
      throw new ParameterException(spec.commandLine(), "--rules: " + e.getMessage());
    }
    return out;
  }

  /** With --follow: one line per new finding, as it opens. */
  private void printNow(Finding f, Format format) {
    io.out().println(format == Format.JSON ? FindingLines.json(f) : FindingLines.text(f));
    io.out().flush();
  }

  private Instant parseTime(String text, Instant now, String option) {
    String t = text.trim();
    try {
      if (t.matches("\\d+[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration d =
            switch (t.charAt(t.length() - 1)) {
              case 's' -> Duration.ofSeconds(n);
              case 'm' -> Duration.ofMinutes(n);
              case 'h' -> Duration.ofHours(n);
              default -> Duration.ofDays(n);
            };
        return now.minus(d);
      }
      return Instant.parse(t);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new ParameterException(
          spec.commandLine(),
          option
              + ": "
              + text
              + " is neither an instant (2024-05-01T10:00:00Z) nor an age (90m, 24h, 7d)");
    }
  }

  private static long micros(Instant i) {
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }
}
