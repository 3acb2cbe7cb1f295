package dev.kordon.cli;

import dev.kordon.control.Catalog;
import dev.kordon.control.ControlSettings;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.engine.Exceptions;
import dev.kordon.engine.SeverityFilter;
import dev.kordon.framework.Framework;
import dev.kordon.framework.FrameworkScore;
import dev.kordon.image.sign.ImageSignatureVerifier;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.SafeText;
import dev.kordon.report.View;
import dev.kordon.results.PostureSummaries;
import dev.kordon.rules.InvalidExpression;
import dev.kordon.rules.KubeCel;
import dev.kordon.rules.Requester;
import dev.kordon.rules.RuleFiles;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ExcludedNamespaces;
import dev.kordon.source.PathExclusions;
import dev.kordon.source.ReadResult;
import dev.kordon.source.YamlTrees.ConfigException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kordon scan}: manifests or a live cluster against the control catalog. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    description = "Scan manifests or a live cluster against Kordon's security controls.",
    footer = {
      "",
      "Directories are walked recursively; .yaml, .yml and .json files are read; - reads stdin.",
      "With --cluster, each kind the credentials may not list gives one warning (on standard"
          + " error and in the report's notes) and does not change the exit code.",
      "With --images, every distinct image the workloads run is read once (a few at a time;"
          + " credentials from ~/.docker/config.json and, with --cluster, the workloads'"
          + " imagePullSecrets); an image that cannot be read is a note naming the workloads"
          + " that use it, and the scan goes on.",
      "An annotation kordon.dev/ignore: \"KOR-0001,KOR-0017: reason\" on an object (or its"
          + " pod template) excepts those controls on it, as an --exceptions entry would.",
      "Formats: table, json, sarif, junit, markdown, html.",
      "Exit codes:",
      "  0  nothing at or above --fail-on",
      "  1  findings at or above --fail-on, or a framework scoring below",
      "     --compliance-threshold",
      "  2  bad usage or unreadable input (the rest is still scanned), or a cluster",
      "     that cannot be reached or rejects the credentials",
      "",
      "Examples:",
      "  kordon scan examples/",
      "  helm template my-chart | kordon scan - --format json",
      "  kordon scan --cluster --context prod -n shop -n payments --fail-on high",
      "  kordon scan k8s/ --format sarif --output kordon.sarif --fail-on high",
      "  kordon scan k8s/ --framework pss-restricted --exceptions accepted-risks.yaml",
      "  kordon scan k8s/ --framework cis,nsa --compliance-threshold 80 \\",
      "      --severity high,critical",
      "  kordon scan k8s/ --exclude 'tests/**' --exclude-namespaces kube-system",
      "  kordon scan k8s/ --rules examples/rules/",
      "  kordon scan --cluster --upload https://kordon.example --cluster-name prod",
      "  kordon scan k8s/ --baseline main.json --fail-on high",
      "  kordon scan k8s/ --images --vuln-db osv/ --verify-key cosign.pub \\",
      "      --fail-on high",
      "  kordon scan --cluster --images --fail-on critical"
    })
final class ScanCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin InputOptions inputs = new InputOptions();

  @picocli.CommandLine.Mixin NamespaceFilter namespaceFilter = new NamespaceFilter();

  @picocli.CommandLine.Mixin ReportOptions report = new ReportOptions();

  @picocli.CommandLine.Mixin UploadOptions upload = new UploadOptions();

  @picocli.CommandLine.Mixin BaselineOptions baseline = new BaselineOptions();

  @picocli.CommandLine.Mixin FailOnOption failOn = new FailOnOption();

  @picocli.CommandLine.Mixin ImagesOptions imageScan = new ImagesOptions();

  @Option(
      names = "--framework",
      split = ",",
      paramLabel = "ID",
      description =
          "Only the controls of these frameworks (comma-separated or repeated), each scored:"
              + " cis, nsa, pss-baseline, pss-restricted, mitre.")
  List<String> frameworks = new ArrayList<>();

  @Option(
      names = "--severity",
      split = ",",
      paramLabel = "LIST",
      description =
          "List only findings of these severities (comma-separated); counts, scores and the"
              + " exit code still cover every finding.")
  List<String> severities = new ArrayList<>();

  @Option(
      names = "--compliance-threshold",
      paramLabel = "N",
      description = "Exit with 1 when a selected framework scores below N (0-100).")
  Double complianceThreshold;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Do not read files matching GLOB, relative to the scanned directory (repeatable;"
              + " ** spans directories, a glob without / matches file names).")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = "--exclude-namespaces",
      split = ",",
      paramLabel = "LIST",
      description =
          "Do not scan objects in these namespaces (files and --cluster), nor their Namespace"
              + " objects; other cluster-scoped objects are kept.")
  List<String> excludedNamespaces = new ArrayList<>();

  @picocli.CommandLine.Mixin ExceptionsOption exceptions = new ExceptionsOption();

  @Option(
      names = "--allowed-registries",
      split = ",",
      paramLabel = "REGISTRY",
      description = "Trusted image registries (comma-separated), replacing the default list.")
  List<String> allowedRegistries;

  @Option(
      names = "--enable",
      split = ",",
      paramLabel = "ID",
      description = "Also run these optional controls.")
  List<String> enable = new ArrayList<>();

  @Option(
      names = {"--rules", "--policy"},
      paramLabel = "DIR|FILE",
      description =
          "Kordon rule files (kind: Rule), ValidatingAdmissionPolicies, bindings and params.")
  List<String> rules = new ArrayList<>();

  @Option(
      names = "--view",
      paramLabel = "VIEW",
      description =
          "What the report shows: findings (default), or controls: per control its severity,"
              + " failed and judged resources and compliance (table, json, markdown, html).")
  String view = View.FINDINGS.word();

  @Option(
      names = "--kubelet-config",
      description =
          "With --cluster: also read each node's kubelet configuration through the API's node"
              + " proxy (configz); needs get on nodes/proxy.")
  void kubeletConfig(boolean read) {
    inputs.kubeletConfig = read;
  }

  @Option(names = "--verbose", description = "Print stack traces of internal errors.")
  boolean verbose;

  ScanCommand(Io io) {
    this.io = io;
  }

  /** Every format but dot: a scan's result is findings, not a graph. */
  static final List<Format> FORMATS =
      List.of(Format.TABLE, Format.JSON, Format.SARIF, Format.JUNIT, Format.MARKDOWN, Format.HTML);

  @Override
  public Integer call() throws Exception {
    Format format = report.format(spec, FORMATS);
    View chosenView = view(format);
    if (inputs.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "nothing to scan: give a file, a directory, - for stdin, or --cluster");
    }
    List<String> listed = namespaceFilter.namespaces();
    if (!inputs.cluster && !inputs.paths.isEmpty() && listed.size() == 1) {
      // without --cluster, one --namespace is the namespace Helm charts render into
      inputs.chartNamespace = listed.get(0);
      listed = List.of();
    }
    String stray = inputs.clusterFlagWithoutCluster(listed);
    if (!stray.isEmpty()) {
      throw new ParameterException(spec.commandLine(), stray + " needs --cluster");
    }
    String strayImageFlag = imageScan.strayFlag();
    if (!strayImageFlag.isEmpty()) {
      throw new ParameterException(spec.commandLine(), strayImageFlag + " needs --images");
    }
    Optional<ImageSignatureVerifier> verifier = imageScan.verifier(spec);
    if (imageScan.images) {
      // a bad --platform is a usage error before anything is read
      imageScan.imageOptions.platform(spec);
    }
    Optional<Severity> threshold = failOn.threshold(spec);
    Optional<SeverityFilter> shown = severityFilter();
    if (complianceThreshold != null && (complianceThreshold < 0 || complianceThreshold > 100)) {
      throw new ParameterException(
          spec.commandLine(),
          "--compliance-threshold: expected 0 to 100, got " + complianceThreshold);
    }
    for (String problem : new String[] {upload.problem(io), baseline.problem()}) {
      if (problem != null) {
        throw new ParameterException(spec.commandLine(), problem);
      }
    }
    Set<String> known;
    try {
      known = baseline.active() ? baseline.load(io) : Set.of();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PathExclusions excludedPaths;
    try {
      excludedPaths = PathExclusions.of(excludes);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }

    LocalDate today = LocalDate.now();
    ControlSettings settings = ControlSettings.DEFAULT.withToday(today);
    if (allowedRegistries != null) {
      settings = settings.withAllowedRegistries(allowedRegistries);
    }
    Catalog catalog = userRules(Catalog.builtIn(settings));
    Exceptions accepted = exceptions.load(spec, catalog);
    Engine engine = engine(catalog, accepted, today, List.of());

    Report result = readAndScan(engine, excludedPaths, settings, accepted, today, verifier);
    report.write(shown.map(f -> f.apply(result)).orElse(result), format, io, chosenView);
    int code = exitCode(result, threshold);
    if (baseline.active()) {
      code = BaselineOptions.exitCode(result, threshold, known, io, code);
    }
    if (complianceThreshold != null) {
      boolean below = false;
      for (FrameworkScore fs : result.frameworks()) {
        // a framework that judged nothing has no score to fall short of
        if (fs.applicable() && fs.score().getAsDouble() < complianceThreshold) {
          below = true;
          io.err()
              .println(
                  "kordon: framework "
                      + fs.id()
                      + " scores "
                      + fs.score().getAsDouble()
                      + ", below --compliance-threshold "
                      + threshold(complianceThreshold));
        }
      }
      if (below && code == ExitCode.OK) {
        code = ExitCode.FINDINGS;
      }
    }
    if (upload.active() && !upload.send(result, Report.SCAN, io)) {
      code = ExitCode.ERROR;
    }
    return code;
  }

  private static String threshold(double n) {
    return n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n);
  }

  private Optional<SeverityFilter> severityFilter() {
    if (severities.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SeverityFilter.parse(severities));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--severity: " + e.getMessage());
    }
  }

  private Engine engine(
      Catalog catalog, Exceptions accepted, LocalDate today, List<String> moreEnabled) {
    List<String> enabled = new ArrayList<>(enabled(catalog));
    enabled.addAll(moreEnabled);
    try {
      return new Engine(
          catalog,
          Framework.builtIn(),
          new EngineOptions(frameworks, accepted, today, true, enabled));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * A method of its own so that the objects read are garbage once the report exists. With {@code
   * --images}, the workloads' images are read between reading the objects and judging them, and the
   * engine judges with what they hold.
   */
  private Report readAndScan(
      Engine engine,
      PathExclusions excludedPaths,
      ControlSettings settings,
      Exceptions accepted,
      LocalDate today,
      Optional<ImageSignatureVerifier> verifier)
      throws InterruptedException {
    ReadResult read =
        inputs.read(
            io,
            namespaceFilter.namespaces(),
            excludedPaths,
            ExcludedNamespaces.of(excludedNamespaces));
    Snapshot snapshot = Snapshot.of(read.objects());
    Report scanned;
    if (!imageScan.images) {
      scanned = engine.scan(snapshot, read.problems());
    } else {
      ImagesOptions.Read images;
      if (inputs.cluster) {
        try (ClusterPullSecrets secrets =
            new ClusterPullSecrets(inputs.kubeconfig, inputs.context)) {
          images = imageScan.read(snapshot, verifier, secrets, io, spec);
        }
      } else {
        images = imageScan.read(snapshot, verifier, ImagesOptions.PullSecrets.NONE, io, spec);
      }
      Catalog withImages = userRules(Catalog.builtIn(settings.withImages(images.facts())));
      List<ScanError> problems = new ArrayList<>(read.problems());
      problems.addAll(images.notes());
      scanned = engine(withImages, accepted, today, images.enable()).scan(snapshot, problems);
    }
    // from the analyzers the controls have just run on this snapshot: cheap, and kept by the server
    return scanned.withSection(PostureSummaries.of(snapshot).section());
  }

  /** The catalog with the user's rules and the admission policy evaluator added. */
  private Catalog userRules(Catalog builtIn) {
    KubeCel cel = new KubeCel();
    try {
      return builtIn.plus(
          RuleFiles.load(rules, cel, Requester.DEFAULT).controls(cel, Requester.DEFAULT));
    } catch (ConfigException | InvalidExpression e) {
      throw new ParameterException(spec.commandLine(), "--rules: " + e.getMessage());
    }
  }

  /** The chosen view; the control view exists in the formats people read, not in sarif or junit. */
  private View view(Format format) {
    View chosen;
    try {
      chosen = View.parse(view);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--view: " + e.getMessage());
    }
    if (chosen == View.CONTROLS && !View.CONTROL_FORMATS.contains(format)) {
      throw new ParameterException(
          spec.commandLine(),
          "--format "
              + format.word()
              + " is not available for 'scan --view controls' (use "
              + Format.words(View.CONTROL_FORMATS.toArray(Format[]::new))
              + ")");
    }
    return chosen;
  }

  /** The current ids of the controls --enable names; an id no control has is a usage error. */
  private List<String> enabled(Catalog catalog) {
    List<String> ids = new ArrayList<>();
    for (String id : enable) {
      ids.add(
          catalog
              .find(id.strip())
              .orElseThrow(
                  () ->
                      new ParameterException(
                          spec.commandLine(),
                          "--enable: unknown control '"
                              + SafeText.line(id)
                              + "' (see 'kordon controls list')"))
              .info()
              .id());
    }
    return ids;
  }

  static int exitCode(Report report, Optional<Severity> threshold) {
    if (report.errors().stream().anyMatch(ScanError::isError)) {
      return ExitCode.ERROR;
    }
    if (threshold.isPresent() && report.summary().atLeast(threshold.get()) > 0) {
      return ExitCode.FINDINGS;
    }
    return ExitCode.OK;
  }
}
