package dev.kordon.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.Finding;
import dev.kordon.model.ScanError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detections over ../shared/corpora/audit: Falco's audit-rule regression traces with the
 * verdicts Falco's suite expected (EXPECTED.tsv, plain default rules only), and audit2rbac's demo
 * log. Skipped with a message when the corpus is absent.
 */
class CorpusConformanceTest {

  private static final Path CORPUS = Path.of("..", "..", "shared", "corpora", "audit");
  private static final Path TRACES = CORPUS.resolve("falco-k8s-audit-traces");

  /** Falco rule names and the Kordon detection that covers the same attack. */
  private static final Map<String, String> SAME =
      Map.of(
          "Anonymous Request Allowed", "KOR-0404",
          "Attach to cluster-admin Role", "KOR-0405",
          "Attach/Exec Pod", "KOR-0400",
          "Create Privileged Pod", "KOR-0401",
          "Create HostNetwork Pod", "KOR-0401",
          "Create Sensitive Mount Pod", "KOR-0401");

  /**
   * Traces where Kordon differs on purpose: the pods were created by the ReplicaSet controller from
   * a template, and Kordon judges by who made the request (the template's author).
   */
  private static final Set<String> CONTROLLER_MADE =
      Set.of(
          "create_nginx_pod_privileged.json",
          "create_nginx_pod_privileged_2nd_container.json",
          "create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json",
          "create_nginx_pod_hostnetwork.json",
          "create_nginx_pod_sensitive_mount.json",
          "create_nginx_pod_sensitive_mount_2nd_container.json");

  @BeforeAll
  static void corpus() {
    boolean present = Files.isDirectory(TRACES);
    if (!present) {
      System.err.println("CorpusConformanceTest: " + CORPUS + " is absent, skipped");
    }
    Assumptions.assumeTrue(
        present, CORPUS + " is absent (a fresh clone has no ../shared): skipped");
  }

  private static List<Finding> run(Path... files) throws IOException {
    List<String> args = new ArrayList<>();
    for (Path f : files) {
      args.add(f.toString());
    }
    List<ScanError> problems = new ArrayList<>();
    List<LogReader> readers = new ArrayList<>();
    for (LogInput in : LogInput.of(args)) {
      readers.add(new LogReader(in, LogLimits.DEFAULT, problems::add));
    }
    AuditAnalyzer a = new AuditAnalyzer(AuditSettings.defaults(), List.of());
    try (MergedEvents m = new MergedEvents(readers)) {
      for (AuditEvent e = m.next(); e != null; e = m.next()) {
        a.accept(e);
      }
    }
    assertThat(problems).allMatch(p -> !p.isError());
    return a.findings();
  }

  @Test
  void falcoTracesGiveTheDetectionsFalcoExpectedSaveTheDocumentedDifference() throws IOException {
    Map<String, Set<String>> expected = new LinkedHashMap<>();
    for (String row : Files.readAllLines(TRACES.resolve("EXPECTED.tsv")).subList(1, 67)) {
      String[] c = row.split("\t", -1);
      if (!c[4].equals("k8s_audit_rules.yaml")) {
        continue;
      }
      Set<String> ids = expected.computeIfAbsent(c[0], k -> new TreeSet<>());
      if (c[2].equals("True")) {
        for (String rc : c[3].split(",")) {
          String rule = rc.substring(0, rc.lastIndexOf('='));
          if (SAME.containsKey(rule) && !CONTROLLER_MADE.contains(c[0])) {
            ids.add(SAME.get(rule));
          }
        }
      }
    }
    assertThat(expected).hasSizeGreaterThan(40);
    Map<String, Set<String>> actual = new LinkedHashMap<>();
    for (String trace : expected.keySet()) {
      Set<String> ids = new TreeSet<>();
      run(TRACES.resolve(trace)).forEach(f -> ids.add(f.controlId()));
      actual.put(trace, ids);
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void theMalformedTraceIsANoteNotACrash() throws IOException {
    List<ScanError> problems = new ArrayList<>();
    try (LogReader r =
        new LogReader(
            LogInput.of(List.of(TRACES.resolve("fal_01_003.json").toString())).get(0),
            LogLimits.DEFAULT,
            problems::add)) {
      assertThat(r.next()).isNull();
    }
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).isError()).isFalse();
  }

  @Test
  void theAudit2rbacDemoLogIsReadWithItsLegacyFieldsAndGivesBobsRoles() throws IOException {
    Path demo = CORPUS.resolve("audit2rbac-demo.log");
    List<ScanError> problems = new ArrayList<>();
    List<ObservedRequest> observed = new ArrayList<>();
    int events = 0;
    try (LogReader r =
        new LogReader(
            LogInput.of(List.of(demo.toString())).get(0), LogLimits.DEFAULT, problems::add)) {
      for (AuditEvent e = r.next(); e != null; e = r.next()) {
        events++;
        assertThat(e.micros()).isNotEqualTo(AuditEvent.UNKNOWN_TIME);
        if (e.subject().name().equals("bob")) {
          observed.addAll(ObservedRequest.of(e));
        }
      }
    }
    assertThat(events).isEqualTo(37);
    assertThat(problems).isEmpty();
    RoleDerivation.Derived d = RoleDerivation.derive(RoleDerivation.Subject.user("bob"), observed);
    var bob = dev.kordon.rbac.Identity.of(dev.kordon.rbac.Subject.user("bob"));
    var graph = d.graph();
    for (ObservedRequest o : observed) {
      var req =
          o.nonResource()
              ? new dev.kordon.rbac.Request.NonResource(o.verb(), o.path())
              : new dev.kordon.rbac.Request.Resource(
                  o.verb(),
                  o.apiGroup(),
                  o.resource(),
                  o.subresource(),
                  o.namespace(),
                  o.name(),
                  false);
      assertThat(graph.allows(bob, req)).as("%s", o).isTrue();
    }
    assertThat(d.toYaml()).contains("kind: Role").contains("namespace: default").contains("pods");
    // 11 refusals spread over half an hour are no burst at the default window of 10 in 60 s
    assertThat(run(demo)).extracting(Finding::controlId).doesNotContain("KOR-0403");
  }
}
