package dev.kordon.auditpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.source.FileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditPolicyLintTest {

  @TempDir Path dir;

  private List<Finding> lint(String yaml) throws Exception {
    Path f = dir.resolve("policy.yaml");
    Files.writeString(f, "apiVersion: audit.k8s.io/v1\nkind: Policy\n" + yaml);
    List<KubeObject> objects = new FileSource().read(List.of(f.toString()), System.in).objects();
    assertThat(objects).hasSize(1);
    return AuditPolicyLint.lint(objects.get(0));
  }

  private static List<String> ids(List<Finding> fs) {
    return fs.stream().map(Finding::controlId).toList();
  }

  /** The kind of policy the Kubernetes docs recommend, plus what the detections need. */
  private static final String GOOD =
      """
      omitStages: [RequestReceived]
      rules:
        - level: None
          users: ["system:kube-proxy"]
          verbs: ["watch"]
          resources: [{group: "", resources: ["endpoints", "services"]}]
        - level: None
          nonResourceURLs: ["/healthz*", "/version"]
        - level: Metadata
          resources:
            - {group: "", resources: ["secrets", "configmaps", "serviceaccounts/token"]}
            - {group: "authentication.k8s.io", resources: ["tokenreviews"]}
        - level: Request
          verbs: ["create", "update", "patch"]
          resources:
            - {group: "", resources: ["pods"]}
            - {group: "apps"}
            - {group: "batch"}
            - {group: "rbac.authorization.k8s.io"}
        - level: Metadata
      """;

  @Test
  void aPolicyThatRecordsWhatTheDetectionsNeedPasses() throws Exception {
    assertThat(lint(GOOD)).isEmpty();
  }

  @Test
  void noRulesAndNoneForEverythingAreReported() throws Exception {
    assertThat(ids(lint("rules: []\n"))).containsExactly("KOR-0430");
    assertThat(ids(lint("rules:\n  - level: None\n  - level: Metadata\n")))
        .containsExactly("KOR-0431");
    assertThat(ids(lint("rules:\n  - level: None\n    users: [x]\n  - level: None\n")))
        .containsExactly("KOR-0431");
  }

  @Test
  void secretPayloadsInTheLogAreReportedAtTheRuleThatLogsThem() throws Exception {
    List<Finding> fs = lint("omitStages: [RequestReceived]\nrules:\n  - level: RequestResponse\n");
    assertThat(ids(fs)).contains("KOR-0432");
    Finding f = fs.stream().filter(x -> x.controlId().equals("KOR-0432")).findFirst().orElseThrow();
    assertThat(f.message()).contains("rule 1").contains("secrets");
    assertThat(f.location().get().line()).isEqualTo(5);
  }

  @Test
  void aRuleForOneUserThatLogsSecretBodiesIsFoundToo() throws Exception {
    List<Finding> fs =
        lint(
            "omitStages: [RequestReceived]\nrules:\n  - level: Request\n    users: [\"ci-bot\"]\n"
                + "    resources: [{group: \"\", resources: [\"secrets\"]}]\n  - level: Metadata\n");
    assertThat(ids(fs)).contains("KOR-0432");
  }

  @Test
  void missingOmitStagesRequestReceivedIsReported() throws Exception {
    assertThat(ids(lint(GOOD.replace("omitStages: [RequestReceived]\n", ""))))
        .containsExactly("KOR-0433");
  }

  @Test
  void starvedDetectionsAreNamed() throws Exception {
    String eventsAtNone =
        GOOD.replace(
            "rules:\n",
            "rules:\n  - level: None\n    resources: [{group: \"\", resources: [\"events\"]}]\n");
    List<Finding> fs = lint(eventsAtNone);
    assertThat(ids(fs)).containsExactly("KOR-0434");
    assertThat(fs.get(0).message()).startsWith("KOR-0408").contains("delete events");
    // metadata only: the pod and binding detections cannot see bodies
    List<Finding> meta = lint("omitStages: [RequestReceived]\nrules:\n  - level: Metadata\n");
    assertThat(meta.stream().map(Finding::message).toList())
        .anyMatch(m -> m.startsWith("KOR-0401"))
        .anyMatch(m -> m.startsWith("KOR-0405"))
        .noneMatch(m -> m.startsWith("KOR-0400"));
  }

  @Test
  void theDemoPolicyOfAudit2rbacLogsOnlyThreeUsers() throws Exception {
    Path demo = Path.of("..", "..", "shared", "corpora", "audit", "audit2rbac-demo-policy.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isRegularFile(demo), "../shared/corpora/audit is absent: skipping the demo policy");
    List<KubeObject> objects = new FileSource().read(List.of(demo.toString()), System.in).objects();
    List<Finding> fs = AuditPolicyLint.lint(objects.get(0));
    // everyone but the three users is at None: every detection is starved
    assertThat(ids(fs)).contains("KOR-0434").doesNotContain("KOR-0433", "KOR-0432");
  }
}
