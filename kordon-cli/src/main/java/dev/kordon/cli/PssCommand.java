package dev.kordon.cli;

import dev.kordon.pss.PssDefaults;
import dev.kordon.pss.PssEvaluator;
import dev.kordon.pss.PssLevel;
import dev.kordon.pss.PssNamespaces;
import dev.kordon.pss.PssPolicy;
import dev.kordon.pss.PssVersion;
import dev.kordon.pss.WorkloadReview;
import dev.kordon.results.PssResults;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.YamlTrees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kordon pss}: what the Pod Security admission plugin would say about workloads, offline, at
 * any level and version; per namespace from its labels; or for a label not yet set.
 */
@Command(
    name = "pss",
    abbreviateSynopsis = true,
    description = {
      "Judge workloads against the Pod Security Standards exactly as the Pod Security admission"
          + " plugin would, offline.",
      "Pods and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets,"
          + " ReplicationControllers, Jobs, CronJobs and PodTemplates are evaluated."
    },
    footer = {
      "",
      "Modes:",
      "  (default)        every workload at --level and --version",
      "  --namespaces     each workload under its namespace's pod-security labels;",
      "                   unlabelled namespaces: --default, --admission-config",
      "  --what-if L[:V]  per namespace, what enforce L:V would deny (a dry run",
      "                   of the label change), one summary line per namespace",
      "",
      "Formats: table, json, markdown, html.",
      "Exit codes:",
      "  0  every workload allowed",
      "  1  some denied (by enforce, or by the what-if policy)",
      "  2  bad usage or unreadable input",
      "",
      "Examples:",
      "  kordon pss deploy/ --level restricted --version v1.30",
      "  helm template my-chart | kordon pss - --level baseline --format json",
      "  kordon pss --namespaces k8s/ --default baseline:v1.29",
      "  kordon pss --what-if restricted:latest k8s/"
    })
final class PssCommand extends AnalyzerCommand {

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
      names = "--namespaces",
      description = "Judge each workload by its own namespace's pod-security labels.")
  boolean namespaces;

  @Option(
      names = "--what-if",
      paramLabel = "LEVEL[:VERSION]",
      description = "Per namespace: which workloads enforcing this level would deny.")
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
    super(io);
  }

  @Override
  public Integer call() throws IOException {
    if (namespaces && whatIf != null) {
      throw usage("--namespaces and --what-if are separate questions: give one");
    }
    format();
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
    PssVersion ver = option(() -> PssVersion.parse(version), "--version");
    Optional<PssPolicy> proposed =
        whatIf == null
            ? Optional.empty()
            : Optional.of(option(() -> PssPolicy.parse(whatIf), "--what-if"));
    PssDefaults defaults = nsMode ? defaults() : PssDefaults.PLUGIN;
    if (inputs.isEmpty()) {
      throw usage("nothing to judge: give a file, a directory, or - for stdin");
    }
    Snapshot snapshot = read();
    if (proposed.isPresent()) {
      List<PssNamespaces.WhatIf> result =
          new PssNamespaces(evaluator, defaults).whatIf(snapshot, proposed.get());
      return finish(
          result.stream().anyMatch(w -> !w.denied().isEmpty()), PssResults.whatIf(result));
    }
    if (namespaces) {
      PssNamespaces ns = new PssNamespaces(evaluator, defaults);
      List<PssNamespaces.WorkloadVerdict> verdicts = ns.evaluate(snapshot);
      return finish(
          verdicts.stream().anyMatch(PssNamespaces.WorkloadVerdict::rejected),
          PssResults.namespaces(ns.policies(snapshot), verdicts));
    }
    WorkloadReview review = WorkloadReview.of(evaluator, lvl, ver, snapshot);
    return finish(review.anyDenied(), PssResults.workloads(review));
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
      d = d.withAll(option(() -> PssPolicy.parse(defaultPolicy), "--default"));
    }
    return d;
  }
}
