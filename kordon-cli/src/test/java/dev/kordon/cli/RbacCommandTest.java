package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.report.JsonOutput;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code kordon rbac ...} end to end through {@link Main#run} with in-memory streams. */
class RbacCommandTest {

  private record Result(int code, String out, String err) {}

  private static String cluster() {
    try {
      return Path.of(RbacCommandTest.class.getResource("/rbac-cluster.yaml").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Result run(String... args) {
    CliRun r = CliRun.of(args);
    return new Result(r.code(), r.out(), r.err());
  }

  private static JsonNode json(String text) {
    return JsonOutput.mapper().readTree(text);
  }

  /** The analyzer's answer in the report envelope: the data of its one section. */
  private static JsonNode data(String text) {
    JsonNode root = json(text);
    assertThat(root.path("tool").path("name").asString()).isEqualTo("kordon");
    return root.path("sections").get(0).path("data");
  }

  @Test
  void whoCanJsonListsSubjectBindingRoleAndScope() {
    Result r = run("rbac", "who-can", "get", "nodes/proxy", cluster(), "--format", "json");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    JsonNode list = data(r.out()).path("grants");
    List<String> rows = new ArrayList<>();
    for (JsonNode n : list) {
      rows.add(
          n.path("subject").path("kind").asString()
              + " "
              + n.path("subject").path("name").asString()
              + " "
              + n.path("binding").path("name").asString("-")
              + " "
              + n.path("role").path("name").asString("-")
              + " "
              + n.path("scope").asString());
    }
    assertThat(rows)
        .containsExactlyInAnyOrder(
            "Group system:masters - - cluster",
            "Group system:masters cluster-admin cluster-admin cluster",
            "ServiceAccount admin-bot admin-bot cluster-admin cluster",
            "ServiceAccount prometheus prometheus prometheus cluster");
    assertThat(list.get(0).path("implicit").asBoolean()).isTrue();
  }

  @Test
  void whoCanTableNamesTheRoleBindingScope() {
    Result r = run("rbac", "who-can", "list", "secrets", "-n", "prod", cluster());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Who can list secrets in prod:")
        .containsPattern(
            "Group\\s+viewers\\s+-\\s+RoleBinding prod/viewers\\s+ClusterRole view\\s+prod")
        .doesNotContain("ci-deployer");
  }

  @Test
  void whoCanSaysWhenANamespaceIsIgnored() {
    Result r = run("rbac", "who-can", "get", "nodes/proxy", "-n", "prod", cluster());
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("nodes is cluster-scoped; -n is ignored");
    assertThat(r.out()).contains("get nodes/proxy cluster-wide").contains("prometheus");
  }

  @Test
  void whoCanGuessesTheGroupOfWellKnownResourcesAndAcceptsUrls() {
    Result deployments = run("rbac", "who-can", "create", "deployments", "-n", "dev", cluster());
    assertThat(deployments.out())
        .contains("create deployments.apps in dev")
        .contains("ci-deployer");
    Result metrics = run("rbac", "who-can", "get", "/metrics", cluster());
    assertThat(metrics.out()).contains("prometheus").doesNotContain("ci-deployer");
  }

  @Test
  void canPrintsMergedPermissionsAndRisks() {
    Result r = run("rbac", "can", "serviceaccount:dev:backup-operator", cluster());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("ServiceAccount dev/backup-operator may:")
        .containsPattern("cluster\\s+secrets\\s+get,list")
        .contains("Risky permissions:")
        .contains("Read Secrets in every namespace");
  }

  @Test
  void canRejectsAMalformedSubject() {
    Result r = run("rbac", "can", "serviceaccount:only-namespace", cluster());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("serviceaccount:NAMESPACE:NAME");
  }

  @Test
  void risksExitOneAndHideBuiltInIdentitiesByDefault() {
    Result r = run("rbac", "risks", cluster(), "--severity", "critical");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("bind-cluster")
        .contains("User bob")
        .contains("Group support")
        .doesNotContain("Group system:masters")
        .contains("more held by built-in identities: --system");
    Result all = run("rbac", "risks", cluster(), "--severity", "critical", "--system");
    assertThat(all.out()).contains("Group system:masters");
  }

  @Test
  void risksJsonCarriesRiskAndGrant() {
    Result r = run("rbac", "risks", cluster(), "--format", "json");
    JsonNode list = data(r.out()).path("risks");
    assertThat(list.size()).isPositive();
    boolean found = false;
    for (JsonNode n : list) {
      if (n.path("risk").path("id").asString().equals("node-proxy")) {
        assertThat(n.path("grant").path("subject").path("name").asString()).isEqualTo("prometheus");
        assertThat(n.path("grant").path("binding").path("kind").asString())
            .isEqualTo("ClusterRoleBinding");
        assertThat(n.path("risk").path("severity").asString()).isEqualTo("critical");
        found = true;
      }
    }
    assertThat(found).isTrue();
  }

  @Test
  void pathsPrintEachStepWithThePermissionUsed() {
    Result r = run("rbac", "paths", cluster(), "--from", "serviceaccount:dev:ci-deployer");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("ServiceAccount dev/ci-deployer -> cluster-admin (3 steps)")
        .contains("1. runs a pod in dev as ServiceAccount dev/backup-operator")
        .contains(
            "using create deployments.apps in dev (RoleBinding dev/ci-deployer -> Role dev/deployer)")
        .contains("2. reads token Secret kube-system/admin-bot-token");
  }

  @Test
  void pathsExitZeroWhenNothingIsFound() {
    Result r = run("rbac", "paths", cluster(), "--from", "serviceaccount:team-b:app");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("0 paths to cluster-admin.");
  }

  @Test
  void pathsJsonAndDot() {
    Result j = run("rbac", "paths", cluster(), "--from", "user:bob", "--format", "json");
    JsonNode path = data(j.out()).path("paths").get(0);
    assertThat(path.path("length").asInt()).isEqualTo(1);
    assertThat(path.path("steps").get(0).path("action").asString()).isEqualTo("bind");
    assertThat(path.path("steps").get(0).path("binding").path("name").asString())
        .isEqualTo("bob-delegates");
    Result d = run("rbac", "paths", cluster(), "--format", "dot");
    assertThat(d.out())
        .startsWith("digraph kordon_rbac_paths {")
        .contains("\"user:bob\" -> \"cluster-admin\" [label=\"bind\"")
        .endsWith("}\n");
  }

  @Test
  void pathsToASubject() {
    Result r =
        run(
            "rbac",
            "paths",
            cluster(),
            "--to",
            "serviceaccount:team-a:deployer",
            "--format",
            "json");
    assertThat(r.code()).isEqualTo(1);
    List<String> from = new ArrayList<>();
    data(r.out()).path("paths").forEach(p -> from.add(p.path("from").path("name").asString()));
    assertThat(from).contains("token-vendor");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("rbac", "who-can", "get", "pods").code()).isEqualTo(2);
    assertThat(run("rbac", "paths", cluster(), "--format", "sarif").code()).isEqualTo(2);
    assertThat(run("rbac").code()).isEqualTo(2);
    assertThat(run("rbac", "who-can", "--help").out()).contains("Examples:");
  }

  @Test
  void unreadableInputExitsTwoAndStillAnswers() {
    Result r = run("rbac", "who-can", "get", "pods", cluster(), "/does/not/exist.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("exist.yaml");
    assertThat(r.out()).contains("Who can get pods");
  }

  @Test
  void scanReportsTheRbacControlsOnTheGrantingSubjectEntries() {
    Result r = run("scan", cluster(), "--format", "json");
    JsonNode findings = json(r.out()).path("findings");
    List<String> escalations = new ArrayList<>();
    List<String> workloads = new ArrayList<>();
    for (JsonNode f : findings) {
      String where = f.path("resource").path("name").asString() + f.path("path").asString();
      if (f.path("controlId").asString().equals("KOR-0150")) {
        escalations.add(where);
      } else if (f.path("controlId").asString().equals("KOR-0151")) {
        workloads.add(where);
      }
    }
    assertThat(escalations)
        .containsExactlyInAnyOrder(
            "bob-delegates/subjects/0",
            "support-impersonates/subjects/0",
            "carol-tunes/subjects/0",
            "prometheus/subjects/0",
            "backup-operator/subjects/0",
            "team-a-deployer/subjects/0",
            "ci-deployer/subjects/0",
            "token-vendor/subjects/0");
    assertThat(workloads).contains("prometheus/subjects/0", "admin-bot/subjects/0");
    assertThat(workloads).doesNotContain("app/subjects/0");
  }

  @Test
  void namesFromInputCannotDriveTheTerminal() throws java.io.IOException {
    Path file = java.nio.file.Files.createTempFile("kordon-rbac", ".yaml");
    try {
      java.nio.file.Files.writeString(
          file,
          "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n"
              + "rules: [{apiGroups: [''], resources: [pods], verbs: [get]}]\n---\n"
              + "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
              + "metadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind:"
              + " ClusterRole, name: r}\nsubjects: [{kind: User, name: \"evil\\e[2J\\u202Eadmin\"}]\n");
      Result r = run("rbac", "who-can", "get", "pods", file.toString());
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("evil").doesNotContain("\u001b").doesNotContain("\u202e");
      java.nio.file.Files.writeString(
          file,
          "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n"
              + "rules: [{apiGroups: [''], resources: [pods], verbs: [get]}]\n---\n"
              + "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
              + "metadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind:"
              + " ClusterRole, name: r}\nsubjects: [{kind: User, name: \"x\\nGroup forged\"}]\n");
      Result forged = run("rbac", "who-can", "get", "pods", file.toString());
      assertThat(forged.out().lines()).noneMatch(l -> l.startsWith("Group forged"));
      Result dot = run("rbac", "paths", file.toString(), "--format", "dot");
      assertThat(dot.code()).isZero();
    } finally {
      java.nio.file.Files.delete(file);
    }
  }
}
