package dev.kordon.report;

import dev.kordon.control.ControlInfo;
import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.model.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Small fixed reports built from records, with a fixed tool version, so that writer output is
 * byte-stable. The "mixed" report carries every feature a writer renders and hostile text in every
 * field that comes from input.
 */
final class SampleReports {
  private SampleReports() {}

  static final Report.Tool TOOL = new Report.Tool("kordon", "0.0.0-test");

  /** What a container name chosen by an attacker looks like in a message. */
  static final String HOSTILE =
      "<script>alert(1)</script> | `tick` & \"quote\" 'apos' [link](http://x) @team *b* _i_"
          + " \\ \u0007bell\u0000nul\r\nsecond line\u202e";

  static final ControlInfo PRIVILEGED =
      ControlInfo.builder("KOR-0001")
          .title("Privileged container")
          .severity(Severity.CRITICAL)
          .description("A privileged container has every capability and all host devices.")
          .remediation("Set securityContext.privileged to false or remove it.")
          .kinds("Pod", "Deployment")
          .refs("cis:5.2.2", "pss:baseline/privileged", "mitre:T1611")
          .peers("kubescape:C-0057", "trivy:KSV-0017")
          .build();

  static final ControlInfo LIMITS =
      ControlInfo.builder("KOR-0050")
          .title("Missing resource limits")
          .severity(Severity.MEDIUM)
          .description("Without limits one pod can starve its neighbours of CPU and memory.")
          .remediation("Set resources.limits.cpu and resources.limits.memory.")
          .kinds("Pod", "Deployment")
          .refs("nsa:resource-policies")
          .build();

  static final ControlInfo LATEST =
      ControlInfo.builder("KOR-0060")
          .title("Image tag latest")
          .severity(Severity.LOW)
          .description("A mutable tag makes deployments unrepeatable.")
          .remediation("Pin the image by digest or by a release tag.")
          .kinds("Pod", "Deployment")
          .build();

  static final ControlInfo WILDCARD =
      ControlInfo.builder("KOR-0120")
          .title("Wildcard in Role")
          .severity(Severity.HIGH)
          .description("A wildcard grants every verb or resource, including future ones.")
          .remediation("List the verbs and resources the subject needs.")
          .kinds("Role", "ClusterRole")
          .refs("cis:5.1.3")
          .altIds("KOR-0119")
          .build();

  static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "shop", "web");
  static final ObjectRef DEBUG = new ObjectRef("v1", "Pod", "default", "debug");
  static final ObjectRef ROLE =
      new ObjectRef("rbac.authorization.k8s.io/v1", "Role", "shop", "admin");
  static final ObjectRef CONFIG = new ObjectRef("v1", "ConfigMap", "shop", "settings");

  static Map<String, Report> all() {
    Map<String, Report> cases = new TreeMap<>();
    cases.put("mixed", mixed());
    cases.put("clean", clean());
    return cases;
  }

  static Report mixed() {
    List<Finding> findings =
        List.of(
            finding(
                PRIVILEGED,
                WEB,
                "/spec/template/spec/containers/0/securityContext/privileged",
                at("deploy/web app.yaml", 24, 15),
                "container \"web\" sets securityContext.privileged: true",
                List.of("cis", "pss-baseline", "mitre")),
            finding(
                    LIMITS,
                    WEB,
                    "/spec/template/spec/containers/0",
                    at("deploy/web app.yaml", 19, 11),
                    "container \"web\" has no resources.limits",
                    List.of("nsa"))
                .withStatus(FindingStatus.FAIL, "exception expired on 2026-01-01 (risks.yaml)"),
            finding(
                PRIVILEGED,
                DEBUG,
                "/spec/containers/0/securityContext/privileged",
                at("./pods/débug#1.yaml", 9, 9),
                "container \"" + HOSTILE + "\" sets securityContext.privileged: true",
                List.of("cis", "pss-baseline", "mitre")),
            finding(
                    LIMITS,
                    DEBUG,
                    "/spec/containers/0",
                    at("./pods/débug#1.yaml", 7, 7),
                    "container \"debug\" has no resources.limits",
                    List.of("nsa"))
                .withStatus(
                    FindingStatus.EXCEPTED, "debug pod, removed after the <b>migration</b>"),
            finding(
                WILDCARD,
                ROLE,
                "/rules/0/verbs/0",
                Optional.empty(),
                "rule 0 grants verb \"*\" on pods",
                List.of("cis")),
            new Finding(
                "no-host-aliases",
                "Host aliases in a pod",
                Severity.LOW,
                WEB,
                JsonPointer.parse("/spec/template/spec/hostAliases"),
                Optional.of(new SourceLocation("/abs/path/web.yaml", 40, 7)),
                "pod sets hostAliases",
                "Use DNS instead of hostAliases.",
                Finding.fingerprint(
                    "no-host-aliases", WEB, JsonPointer.parse("/spec/template/spec/hostAliases")),
                List.of(),
                FindingStatus.FAIL,
                "",
                List.of()));
    List<Resource> resources =
        List.of(
            new Resource(WEB, "deploy/web app.yaml#1"),
            new Resource(DEBUG, "./pods/débug#1.yaml#1"),
            new Resource(ROLE, "cluster kind-kind"),
            new Resource(CONFIG, "deploy/config.yaml#2"));
    return new Report(
        TOOL,
        Summary.of(resources.size(), findings),
        findings,
        List.of(
            new FrameworkScore(
                "cis",
                "CIS Kubernetes Benchmark",
                "v1.12.0",
                List.of(
                    new FrameworkScore.ControlScore("KOR-0001", 2, 2),
                    new FrameworkScore.ControlScore("KOR-0050", 5, 0),
                    new FrameworkScore.ControlScore("KOR-0120", 1, 1),
                    new FrameworkScore.ControlScore("KOR-0301", 0, 0))),
            new FrameworkScore(
                "nsa",
                "NSA-CISA Kubernetes Hardening Guide",
                "1.2",
                List.of(new FrameworkScore.ControlScore("KOR-0180", 4, 2))),
            new FrameworkScore(
                "pss-restricted",
                "Pod Security Standards (restricted)",
                "latest",
                List.of(new FrameworkScore.ControlScore("KOR-0211", 0, 0)))),
        List.of(
            ScanError.error("broken.yaml", 3, "mapping values are not allowed here"),
            ScanError.error("<snapshot>", 0, "control KOR-0180 failed: IllegalStateException")),
        List.of(ScanError.note("logo.png", 0, "skipped: binary file")),
        List.of(PRIVILEGED, LIMITS, LATEST, WILDCARD),
        resources,
        List.of(
            ReportSection.table(
                "pss",
                "Pod Security Standards",
                List.of("Namespace", "Allowed level"),
                List.of(List.of("shop", "baseline"), List.of("default", "privileged | <none>")))),
        Report.SCAN,
        ControlSummary.of(
            List.of(PRIVILEGED, LIMITS, LATEST, WILDCARD),
            findings,
            Map.of("KOR-0001", 2, "KOR-0050", 2, "KOR-0120", 1)));
  }

  static Report clean() {
    List<Resource> resources = List.of(new Resource(WEB, "deploy/web.yaml#1"));
    return new Report(
        TOOL,
        Summary.of(1, List.of()),
        List.of(),
        List.of(
            new FrameworkScore(
                "pss-baseline",
                "Pod Security Standards (baseline)",
                "latest",
                List.of(new FrameworkScore.ControlScore("KOR-0001", 1, 0)))),
        List.of(),
        List.of(),
        List.of(PRIVILEGED, WILDCARD),
        resources,
        List.of(),
        Report.SCAN,
        ControlSummary.of(List.of(PRIVILEGED, WILDCARD), List.of(), Map.of("KOR-0001", 1)));
  }

  /**
   * A generated scan as large as a real repository's: {@code n} findings of the four sample
   * controls over many files and objects, about 1 % critical, 2 % high, 40 % medium and the rest
   * low, in report order (file, line).
   */
  static Report large(int n) {
    List<ControlInfo> controls = List.of(PRIVILEGED, WILDCARD, LIMITS, LATEST);
    List<Finding> findings = new java.util.ArrayList<>(n);
    Map<String, Integer> evaluated = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      int bucket = i % 100;
      ControlInfo c =
          bucket == 0 ? PRIVILEGED : bucket < 3 ? WILDCARD : bucket < 43 ? LIMITS : LATEST;
      ObjectRef ref =
          new ObjectRef("apps/v1", "Deployment", "team-" + (i / 400), "service-" + (i / 4));
      String file = "clusters/production/team-" + (i / 400) + "/deployments.yaml";
      findings.add(
          finding(
              c,
              ref,
              "/spec/template/spec/containers/" + (i % 4),
              at(file, 1 + i % 400 * 30, 9),
              "container \"sidecar-" + (i % 4) + "\" breaks the rule of " + c.title().toLowerCase(),
              List.of()));
      evaluated.merge(c.id(), 1, Integer::sum);
    }
    return new Report(
        TOOL,
        Summary.of(n / 4, findings),
        findings,
        List.of(),
        List.of(),
        List.of(),
        controls,
        List.of(),
        List.of(),
        Report.SCAN,
        ControlSummary.of(controls, findings, evaluated));
  }

  private static Optional<SourceLocation> at(String file, int line, int column) {
    return Optional.of(new SourceLocation(file, line, column));
  }

  private static Finding finding(
      ControlInfo c,
      ObjectRef ref,
      String path,
      Optional<SourceLocation> location,
      String message,
      List<String> frameworks) {
    JsonPointer pointer = JsonPointer.parse(path);
    return new Finding(
        c.id(),
        c.title(),
        c.severity(),
        ref,
        pointer,
        location,
        message,
        c.remediation(),
        Finding.fingerprint(c.id(), ref, pointer),
        frameworks,
        FindingStatus.FAIL,
        "",
        c.allRefs());
  }
}
