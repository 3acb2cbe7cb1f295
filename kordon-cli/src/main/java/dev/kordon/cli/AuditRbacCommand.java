package dev.kordon.cli;

import dev.kordon.audit.AuditEvent;
import dev.kordon.audit.LogLimits;
import dev.kordon.audit.MergedEvents;
import dev.kordon.audit.ObservedRequest;
import dev.kordon.audit.RbacComparison;
import dev.kordon.audit.RoleDerivation;
import dev.kordon.model.ScanError;
import dev.kordon.rbac.RbacGraph;
import dev.kordon.report.Format;
import dev.kordon.report.ReportSection;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kordon audit rbac}: the least-privilege roles that allow what a subject was seen doing.
 */
@Command(
    name = "rbac",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "kordon audit rbac LOG... (--user NAME | --serviceaccount NS/NAME)",
      "                  [--compare [PATH...]] [--cluster] [OPTIONS]"
    },
    description = {
      "Write the Role/ClusterRole and binding that allow exactly what one subject did in the logs:"
          + " grouped by namespace and API group, resourceNames kept where every request named"
          + " an object, no wildcards. With --compare, show what the subject's current roles"
          + " grant beyond that."
    },
    footer = {
      "",
      "Requests refused with 403 count too: they are what the subject needed. Impersonated"
          + " requests count for the impersonated user.",
      "Formats: table (YAML manifests; also --format yaml), json, markdown.",
      "Exit codes: 0 done, 1 --compare found grants beyond what was used, 2 bad usage or an"
          + " unreadable input.",
      "",
      "Examples:",
      "  kordon audit rbac audit.log --user bob > bob-rbac.yaml",
      "  kordon audit rbac audit.log --serviceaccount shop/api --compare k8s/rbac/",
      "  kordon audit rbac audit.log --serviceaccount shop/api --compare --cluster"
    })
final class AuditRbacCommand implements Callable<Integer> {

  private static final List<Format> FORMATS = List.of(Format.TABLE, Format.JSON, Format.MARKDOWN);

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin ReportOptions report = new ReportOptions();

  @Parameters(paramLabel = "LOG", description = "Audit logs to read; - for stdin.")
  List<String> logs = new ArrayList<>();

  @Option(names = "--user", paramLabel = "NAME", description = "The user whose requests to allow.")
  String user;

  @Option(
      names = "--serviceaccount",
      paramLabel = "NS/NAME",
      description = "The service account whose requests to allow.")
  String serviceAccount;

  @Option(
      names = "--compare",
      arity = "0..*",
      paramLabel = "PATH",
      description =
          "Compare with the subject's current roles, read from these manifests (or --cluster).")
  List<String> compare;

  @Option(
      names = "--cluster",
      description = "With --compare: read the current roles from the cluster.")
  boolean cluster;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig for --cluster.")
  String kubeconfig = "";

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context for --cluster.")
  String context = "";

  AuditRbacCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    if (report.format.equalsIgnoreCase("yaml")) {
      report.format = Format.TABLE.word();
    }
    Format format = report.format(spec, FORMATS);
    if (logs.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "nothing to read: give an audit log, or - for stdin");
    }
    RoleDerivation.Subject subject = subject();
    if (compare == null && cluster) {
      throw new ParameterException(
          spec.commandLine(), "--cluster reads current roles for --compare: add --compare");
    }
    if (compare != null && compare.isEmpty() && !cluster) {
      throw new ParameterException(
          spec.commandLine(), "--compare needs manifests to read, or --cluster");
    }
    List<ScanError> problems = new ArrayList<>();
    Set<ObservedRequest> observed = new LinkedHashSet<>();
    long events = 0;
    AuditCommand reader = new AuditCommand(io);
    try (MergedEvents stream = reader.open(logs, LogLimits.DEFAULT, problems, false)) {
      for (AuditEvent e = stream.next(); e != null; e = stream.next()) {
        events++;
        if (e.subject().name().equals(subject.userName()) && e.completed()) {
          observed.addAll(ObservedRequest.of(e));
        }
      }
    }
    if (observed.isEmpty()) {
      problems.add(
          ScanError.note(
              "",
              0,
              "no request by "
                  + subject.userName()
                  + " among "
                  + events
                  + " events: nothing to allow"));
    }
    RoleDerivation.Derived derived = RoleDerivation.derive(subject, new ArrayList<>(observed));
    String yaml = derived.objects().isEmpty() ? "" : derived.toYaml();
    List<ReportSection> sections = new ArrayList<>();
    sections.add(
        new ReportSection.Text(
            "rbac",
            "",
            yaml.lines().toList(),
            new DerivedView(subject.userName(), observed.size(), derived.objects())));
    boolean beyond = false;
    if (compare != null) {
      RbacGraph current = RbacGraph.of(current(problems));
      List<RbacComparison.Excess> excess = RbacComparison.compare(current, subject, derived);
      beyond = !excess.isEmpty();
      List<List<String>> rows = new ArrayList<>();
      for (RbacComparison.Excess x : excess) {
        rows.add(List.of(x.via(), x.scope(), x.rule(), String.join("; ", x.unused())));
      }
      sections.add(
          new ReportSection.Table(
              "compare",
              "Granted now but not used in the logs",
              List.of("VIA", "SCOPE", "RULE", "NOT USED"),
              rows,
              List.of(
                  excess.isEmpty()
                      ? "The current roles grant nothing beyond what was used."
                      : excess.size() + " rules grant more than was used."),
              excess));
    }
    var result =
        report.writeAnalysis(
            spec, format, (int) Math.min(Integer.MAX_VALUE, events), problems, sections, io);
    if (!result.errors().isEmpty()) {
      return ExitCode.ERROR;
    }
    return beyond ? ExitCode.FINDINGS : ExitCode.OK;
  }

  /** The derived roles for JSON: the manifests and how many distinct requests they allow. */
  record DerivedView(String subject, int requests, List<Map<String, Object>> objects) {}

  private RoleDerivation.Subject subject() {
    if ((user == null) == (serviceAccount == null)) {
      throw new ParameterException(
          spec.commandLine(), "give exactly one of --user NAME and --serviceaccount NS/NAME");
    }
    if (user != null) {
      return RoleDerivation.Subject.user(user);
    }
    String[] p = serviceAccount.split("/", 2);
    if (p.length != 2 || p[0].isEmpty() || p[1].isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "--serviceaccount: write NAMESPACE/NAME, e.g. shop/api");
    }
    return RoleDerivation.Subject.serviceAccount(p[0], p[1]);
  }

  private Snapshot current(List<ScanError> problems) {
    InputOptions in = new InputOptions();
    in.paths = new ArrayList<>(compare);
    in.cluster = cluster;
    in.kubeconfig = kubeconfig;
    in.context = context;
    ReadResult read = in.read(io);
    problems.addAll(read.problems());
    return Snapshot.of(read.objects());
  }
}
