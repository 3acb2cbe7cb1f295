package dev.kordon.cli;

import dev.kordon.audit.AuditControls;
import dev.kordon.auditpolicy.AuditPolicyLint;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.Summary;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kordon audit policy FILE}: lints an audit Policy (KOR-0430 onwards). */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = {
      "Lint an audit Policy file: no rules, None for everything, Secret/ConfigMap/TokenReview"
          + " payloads in the log, no omitStages RequestReceived, and each kordon audit detection"
          + " the policy starves."
    },
    footer = {
      "",
      "Formats: table, json, sarif, markdown, html, junit.",
      "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or an"
          + " unreadable file.",
      "",
      "Examples:",
      "  kordon audit policy /etc/kubernetes/audit-policy.yaml",
      "  kordon audit policy audit-policy.yaml --format json --fail-on high"
    })
final class AuditPolicyCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Mixin ReportOptions report = new ReportOptions();

  @Parameters(paramLabel = "FILE", description = "Audit Policy files; - for stdin.")
  List<String> files = new ArrayList<>();

  @Mixin FailOnOption failOn = new FailOnOption();

  AuditPolicyCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    Format format = report.format(spec, AuditCommand.FORMATS);
    if (files.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "nothing to read: give an audit Policy file");
    }
    Optional<Severity> threshold = failOn.threshold(spec);
    ReadResult read = new FileSource().read(files, io.in());
    List<ScanError> problems = new ArrayList<>(read.problems());
    List<Finding> findings = new ArrayList<>();
    int policies = 0;
    for (KubeObject o : read.objects()) {
      if (o.kind().equals("Policy") && o.apiVersion().startsWith("audit.k8s.io/")) {
        policies++;
        findings.addAll(AuditPolicyLint.lint(o));
      }
    }
    if (policies == 0 && !read.hasErrors()) {
      problems.add(
          ScanError.error(
              String.join(", ", files),
              0,
              "no audit Policy (apiVersion audit.k8s.io/v1, kind Policy) found"));
    }
    Report result =
        new Report(
            Report.Tool.KORDON,
            Summary.of(policies, findings),
            findings,
            List.of(),
            problems.stream().filter(ScanError::isError).toList(),
            problems.stream().filter(p -> !p.isError()).toList(),
            AuditControls.all()
                .subList(AuditControls.detections().size(), AuditControls.all().size()),
            List.of(),
            List.of(
                new dev.kordon.report.ReportSection.Text(
                    "audit-policy",
                    "",
                    List.of(
                        policies
                            + (policies == 1 ? " policy" : " policies")
                            + " read, "
                            + findings.size()
                            + " findings"),
                    null)),
            "audit policy");
    report.write(result, format, io);
    return ScanCommand.exitCode(result, threshold);
  }
}
