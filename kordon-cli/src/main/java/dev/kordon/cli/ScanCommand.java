package dev.kordon.cli;

import dev.kordon.control.Catalog;
import dev.kordon.control.ControlSettings;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.engine.Exceptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.rules.InvalidExpression;
import dev.kordon.rules.KubeCel;
import dev.kordon.rules.Requester;
import dev.kordon.rules.RuleFiles;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ReadResult;
import dev.kordon.source.YamlTrees.ConfigException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    description = "Scan manifests or a live cluster against Kordon's security controls.",
    footer = {
      "",
      "Directories are walked recursively; .yaml, .yml and .json files are read; - reads stdin.",
      "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,",
      "            2 bad usage or unreadable input (the rest is still scanned),",
      "              or a cluster that cannot be reached or rejects the credentials.",
      "With --cluster, each kind the credentials may not list gives one warning",
      "(stderr and the report's notes) and does not change the exit code.",
      "",
      "Examples:",
      "  kordon scan examples/",
      "  helm template my-chart | kordon scan - --format json",
      "  kordon scan --cluster --context prod -n shop -n payments --fail-on high",
      "  kordon scan k8s/ --format sarif --output kordon.sarif --fail-on high",
      "  kordon scan k8s/ --framework pss-restricted --exceptions accepted-risks.yaml",
      "  kordon scan k8s/ --rules examples/rules/"
    })
final class ScanCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin InputOptions inputs = new InputOptions();

  @picocli.CommandLine.Mixin NamespaceFilter namespaceFilter = new NamespaceFilter();

  @picocli.CommandLine.Mixin ReportOptions report = new ReportOptions();

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description = "Exit with 1 when a finding is at or above: low, medium, high, critical.")
  String failOn;

  @Option(
      names = "--framework",
      paramLabel = "ID",
      description =
          "Only the controls of one framework: cis, nsa, pss-baseline, pss-restricted, mitre.")
  String framework;

  @Option(
      names = "--exceptions",
      paramLabel = "FILE",
      description = "YAML file of accepted risks (control, resource, reason, expires).")
  Path exceptions;

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
    if (inputs.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "nothing to scan: give a file, a directory, - for stdin, or --cluster");
    }
    String stray = inputs.clusterFlagWithoutCluster(namespaceFilter.namespaces());
    if (!stray.isEmpty()) {
      throw new ParameterException(spec.commandLine(), stray + " needs --cluster");
    }
    Optional<Severity> threshold = Optional.ofNullable(failOn).map(this::severity);

    LocalDate today = LocalDate.now();
    ControlSettings settings = ControlSettings.DEFAULT.withToday(today);
    if (allowedRegistries != null) {
      settings = settings.withAllowedRegistries(allowedRegistries);
    }
    EngineOptions options =
        new EngineOptions(
            Optional.ofNullable(framework),
            exceptions == null ? Exceptions.NONE : loadExceptions(),
            today,
            true,
            enable);
    Engine engine;
    try {
      engine = new Engine(userRules(Catalog.builtIn(settings)), Framework.builtIn(), options);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }

    Report result = readAndScan(engine);
    report.write(result, format, io);
    return exitCode(result, threshold);
  }

  /** A method of its own so that the objects read are garbage once the report exists. */
  private Report readAndScan(Engine engine) {
    ReadResult read = inputs.read(io, namespaceFilter.namespaces());
    return engine.scan(Snapshot.of(read.objects()), read.problems());
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

  private Exceptions loadExceptions() {
    try {
      return Exceptions.load(exceptions);
    } catch (ConfigException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Severity severity(String word) {
    try {
      return Severity.parse(word);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--fail-on: " + e.getMessage());
    }
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
