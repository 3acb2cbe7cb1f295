package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuditCommandTest {

  @TempDir Path dir;

  private static final String EXEC =
      "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"ex-1\","
          + "\"stage\":\"ResponseStarted\",\"requestURI\":\"/api/v1/namespaces/shop/pods/web-1/exec?command=sh\","
          + "\"verb\":\"get\",\"user\":{\"username\":\"mallory\",\"groups\":[\"system:authenticated\"]},"
          + "\"sourceIPs\":[\"203.0.113.9\"],\"userAgent\":\"kubectl/v1.31.0\","
          + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"shop\",\"name\":\"web-1\",\"apiVersion\":\"v1\",\"subresource\":\"exec\"},"
          + "\"responseStatus\":{\"metadata\":{},\"code\":101},"
          + "\"requestReceivedTimestamp\":\"2024-05-01T10:00:00.000000Z\",\"stageTimestamp\":\"2024-05-01T10:00:00.100000Z\"}";

  private static final String SECRET_READ =
      EXEC.replace("ex-1", "sr-1")
          .replace("\"subresource\":\"exec\"", "\"subresource\":\"\"")
          .replace("\"resource\":\"pods\"", "\"resource\":\"secrets\"")
          .replace("\"code\":101", "\"code\":200")
          .replace("ResponseStarted", "ResponseComplete");

  private Path log(String... lines) throws Exception {
    Path f = dir.resolve("audit.log");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  @Test
  void jsonFindingsCarryAuditIdsSubjectSourceAndObject() throws Exception {
    CliRun run = CliRun.of("audit", log(EXEC).toString(), "--format", "json");
    assertThat(run.code()).isZero();
    JsonNode f = JsonMapper.builder().build().readTree(run.out()).path("findings").get(0);
    assertThat(f.path("controlId").asString()).isEqualTo("KOR-0400");
    assertThat(f.path("auditIds").get(0).asString()).isEqualTo("ex-1");
    assertThat(f.path("subject").path("user").asString()).isEqualTo("mallory");
    assertThat(f.path("sourceIPs").get(0).asString()).isEqualTo("203.0.113.9");
    assertThat(f.path("userAgent").asString()).isEqualTo("kubectl/v1.31.0");
    assertThat(f.path("object").path("subresource").asString()).isEqualTo("exec");
    assertThat(f.path("refs").toString()).contains("mitre:T1609");
    assertThat(f.path("location").path("line").asInt()).isEqualTo(1);
  }

  @Test
  void failOnAndTheTableAndStdin() throws Exception {
    CliRun table =
        CliRun.withStdin(EXEC + "\n" + SECRET_READ + "\n", "audit", "-", "--fail-on", "medium");
    assertThat(table.code()).isEqualTo(1);
    assertThat(table.out())
        .contains("KOR-0400")
        .contains("KOR-0402")
        .contains("\"mallory\" read (get) Secret shop/web-1");
    assertThat(CliRun.of("audit", log(EXEC).toString(), "--fail-on", "high").code()).isZero();
  }

  @Test
  void sinceAndUntilSelectEventsByTime() throws Exception {
    Path f = log(EXEC);
    assertThat(
            CliRun.of("audit", f.toString(), "--since", "2024-05-01T11:00:00Z", "--format", "json")
                .out())
        .contains("\"findings\" : [ ]");
    assertThat(
            CliRun.of("audit", f.toString(), "--until", "2024-05-01T11:00:00Z", "--format", "json")
                .out())
        .contains("KOR-0400");
  }

  @Test
  void unreadableLogIsExitTwoAndTheOthersAreStillRead() throws Exception {
    CliRun run = CliRun.of("audit", dir.resolve("missing.log").toString(), log(EXEC).toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("missing.log");
    assertThat(run.out()).contains("KOR-0400");
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    assertThat(CliRun.of("audit").code()).isEqualTo(2);
    assertThat(CliRun.of("audit", log(EXEC).toString(), "--burst", "ten").code()).isEqualTo(2);
    assertThat(CliRun.of("audit", log(EXEC).toString(), "--since", "yesterday").code())
        .isEqualTo(2);
    assertThat(CliRun.of("audit", log(EXEC).toString(), "--format", "dot").code()).isEqualTo(2);
  }

  @Test
  void rbacWritesTheRolesAndCompareShowsWhatIsGrantedBeyond() throws Exception {
    Path f = log(EXEC, SECRET_READ);
    CliRun yaml = CliRun.of("audit", "rbac", f.toString(), "--user", "mallory");
    assertThat(yaml.code()).isZero();
    assertThat(yaml.out())
        .contains("kind: Role")
        .contains("pods/exec")
        .contains("resourceNames")
        .contains("kind: RoleBinding")
        .doesNotContain("'*'");
    Path rbac = dir.resolve("rbac.yaml");
    Files.writeString(
        rbac,
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: too-much}
        rules:
          - {apiGroups: [""], resources: ["*"], verbs: ["*"]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: too-much}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: too-much}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: mallory}]
        """);
    CliRun compare =
        CliRun.of("audit", "rbac", f.toString(), "--user", "mallory", "--compare", rbac.toString());
    assertThat(compare.code()).isEqualTo(1);
    assertThat(compare.out()).contains("too-much").contains("cluster-wide");
    assertThat(CliRun.of("audit", "rbac", f.toString()).code()).isEqualTo(2);
  }

  @Test
  void policyLintsAnAuditPolicyFile() throws Exception {
    Path p = dir.resolve("policy.yaml");
    Files.writeString(
        p, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: RequestResponse\n");
    CliRun run = CliRun.of("audit", "policy", p.toString(), "--fail-on", "high");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("KOR-0432").contains("KOR-0433");
    Path notPolicy = dir.resolve("pod.yaml");
    Files.writeString(notPolicy, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
    assertThat(CliRun.of("audit", "policy", notPolicy.toString()).code()).isEqualTo(2);
  }

  @Test
  void theAuditEntriesAreListedAndExplainedWithTheCatalog() {
    assertThat(CliRun.of("controls", "list").out()).contains("KOR-0400").contains("KOR-0434");
    CliRun explain = CliRun.of("controls", "explain", "KOR-0403");
    assertThat(explain.code()).isZero();
    assertThat(explain.out()).contains("mitre: T1613").contains("## How to fix");
  }
}
