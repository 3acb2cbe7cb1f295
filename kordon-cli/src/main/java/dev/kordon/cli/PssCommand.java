package dev.kordon.cli;

import dev.kordon.model.KubeObject;
import dev.kordon.model.ScanError;
import dev.kordon.pss.PssDefaults;
import dev.kordon.pss.PssEvaluator;
import dev.kordon.pss.PssLevel;
import dev.kordon.pss.PssNamespaces;
import dev.kordon.pss.PssPolicy;
import dev.kordon.pss.PssResult;
import dev.kordon.pss.PssVersion;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ReadResult;
import dev.kordon.source.YamlTrees;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kordon pss}: what the Pod Security admission plugin would say about workloads, offline, at
 * any level and version; per namespace from its labels; or for a label not yet set.
 */
@Command(
    name = "pss",
    description = {
      "Judge workloads against the Pod Security Standards exactly as the Pod Security admission"
          + " plugin would, offline.",
      "Pods and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets,"
          + " ReplicationControllers, Jobs, CronJobs and PodTemplates are evaluated."
    },
    footer = {
      "",
      "Modes:",
      "  (default)       every workload at --level and --version",
      "  --namespaces    every workload under its namespace's pod-security.kubernetes.io labels;",
      "                  unlabelled namespaces use --default / --admission-config (privileged)",
      "  --what-if L[:V] per namespace, the workloads enforce L:V would deny (a dry run of the",
      "                  label change), with a summary line per namespace",
      "",
      "Exit codes: 0 every workload allowed, 1 some denied (rejected by enforce, or by the",
      "            what-if policy), 2 bad usage or unreadable input.",
      "",
      "Examples:",
      "  kordon pss deploy/ --level restricted --version v1.30",
      "  helm template my-chart | kordon pss - --level baseline --format json",
      "  kordon pss --namespaces k8s/ --default baseline:v1.29",
      "  kordon pss --what-if restricted:latest k8s/"
    })
final class PssCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin InputOptions inputs = new InputOptions();

  // no standard help mixin: its -V/--version would take the name the policy version needs
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--level",
      paramLabel = "LEVEL",
      description = "privileged, baseline or restricted (default: restricted).")
  String level = "restricted";

  @Option(
      names = "--version",
      paramLabel = "VERSION",
      description = "Policy version: v1.<minor> or latest (default: latest).")
  String version = "latest";

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "table or json (default: table).")
  String format = "table";

  @Option(
      names = "--namespaces",
      description = "Judge each workload by its own namespace's pod-security labels.")
  boolean namespaces;

  @Option(
      names = "--what-if",
      paramLabel = "LEVEL[:VERSION]",
      description = "Per namespace: which workloads enforce LEVEL[:VERSION] would deny.")
  String whatIf;

  @Option(
      names = "--default",
      paramLabel = "LEVEL[:VERSION]",
      description =
          "Policy of namespaces without labels, in every mode (the admission plugin's defaults;"
              + " built-in: privileged:latest).")
  String defaultPolicy;

  @Option(
      names = "--admission-config",
      paramLabel = "FILE",
      description =
          "PodSecurityConfiguration (or AdmissionConfiguration) file: defaults and exempt"
              + " namespaces and runtime classes.")
  Path admissionConfig;

  PssCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    if (namespaces && whatIf != null) {
      throw usage("--namespaces and --what-if are separate questions: give one");
    }
    if (!format.equals("table") && !format.equals("json")) {
      throw usage("--format: expected table or json, got '" + format + "'");
    }
    boolean nsMode = namespaces || whatIf != null;
    if (!nsMode && (defaultPolicy != null || admissionConfig != null)) {
      throw usage("--default and --admission-config apply to --namespaces and --what-if only");
    }
    PssEvaluator evaluator = PssEvaluator.builtIn();
    PssLevel lvl =
        PssLevel.parse(level)
            .orElseThrow(
                () ->
                    usage(
                        "--level: expected privileged, baseline or restricted, got '"
                            + level
                            + "'"));
    PssVersion ver = parse(() -> PssVersion.parse(version), "--version");
    Optional<PssPolicy> proposed =
        whatIf == null
            ? Optional.empty()
            : Optional.of(parse(() -> PssPolicy.parse(whatIf), "--what-if"));
    PssDefaults defaults = nsMode ? defaults() : PssDefaults.PLUGIN;
    if (inputs.isEmpty()) {
      throw usage("nothing to judge: give a file, a directory, or - for stdin");
    }

    ReadResult read = inputs.read(io);
    for (ScanError e : read.problems()) {
      io.err().println("kordon: " + e);
    }
    Snapshot snapshot = Snapshot.of(read.objects());
    Writer out = new OutputStreamWriter(io.out(), StandardCharsets.UTF_8);
    boolean denied;
    boolean json = format.equals("json");
    if (proposed.isPresent()) {
      List<PssNamespaces.WhatIf> result =
          new PssNamespaces(evaluator, defaults).whatIf(snapshot, proposed.get());
      if (json) {
        PssJson.whatIf(result, out);
      } else {
        PssTable.whatIf(result, out);
      }
      denied = result.stream().anyMatch(w -> !w.denied().isEmpty());
    } else if (namespaces) {
      PssNamespaces ns = new PssNamespaces(evaluator, defaults);
      List<PssNamespaces.WorkloadVerdict> verdicts = ns.evaluate(snapshot);
      var policies = ns.policies(snapshot);
      if (json) {
        PssJson.namespaces(policies, verdicts, out);
      } else {
        PssTable.namespaces(policies, verdicts, out);
      }
      denied = verdicts.stream().anyMatch(PssNamespaces.WorkloadVerdict::rejected);
    } else {
      List<PssResult> results = new ArrayList<>();
      List<KubeObject> objects = new ArrayList<>();
      for (PodSpecView pod : snapshot.workloads()) {
        results.add(evaluator.evaluate(lvl, ver, pod));
        objects.add(pod.object());
      }
      if (json) {
        PssJson.results(objects, results, out);
      } else {
        PssTable.results(objects, results, lvl, ver, evaluator.effective(ver), out);
      }
      denied = results.stream().anyMatch(r -> !r.allowed());
    }
    out.flush();
    if (read.problems().stream().anyMatch(ScanError::isError)) {
      return ExitCode.ERROR;
    }
    return denied ? ExitCode.FINDINGS : ExitCode.OK;
  }

  private PssDefaults defaults() {
    PssDefaults d = PssDefaults.PLUGIN;
    if (admissionConfig != null) {
      try {
        d = PssDefaults.fromConfiguration(YamlTrees.parse(admissionConfig));
      } catch (YamlTrees.ConfigException e) {
        throw usage("--admission-config: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw usage("--admission-config: " + admissionConfig + ": " + e.getMessage());
      }
    }
    if (defaultPolicy != null) {
      d = d.withAll(parse(() -> PssPolicy.parse(defaultPolicy), "--default"));
    }
    return d;
  }

  private interface Parse<T> {
    T get();
  }

  private <T> T parse(Parse<T> p, String option) {
    try {
      return p.get();
    } catch (IllegalArgumentException e) {
      throw usage(option + ": " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
