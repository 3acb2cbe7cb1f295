package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.report.JsonOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code kordon pss} through {@link Main#run}, with in-memory streams. */
class PssCommandTest {

  /** Output, error and exit code of one run. */
  record Run(int code, String out, String err) {
    JsonNode json() {
      return JsonOutput.mapper().readTree(out);
    }

    /** The answer of {@code kordon pss} in the report envelope: the data of its section. */
    JsonNode data() {
      JsonNode root = json();
      assertThat(root.path("command").asString()).isEqualTo("pss");
      return root.path("sections").get(0).path("data");
    }
  }

  static Run run(String stdin, String... args) {
    CliRun r = CliRun.withStdin(stdin, args);
    return new Run(r.code(), r.out(), r.err());
  }

  static final String RESTRICTED_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: good
        namespace: shop
      spec:
        securityContext:
          runAsNonRoot: true
          seccompProfile: {type: RuntimeDefault}
        containers:
          - name: app
            image: app:1.0
            securityContext:
              allowPrivilegeEscalation: false
              capabilities: {drop: [ALL]}
      """;

  static final String ROOT_DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
      spec:
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            securityContext:
              seccompProfile: {type: RuntimeDefault}
            containers:
              - name: web
                image: nginx:1.27
                securityContext:
                  allowPrivilegeEscalation: false
                  capabilities: {drop: [ALL]}
                  runAsUser: 0
      """;

  @Test
  void allowedWorkloadsExitZero() {
    Run r = run(RESTRICTED_POD, "pss", "-", "--level", "restricted", "--version", "v1.30");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("Pod shop/good: allowed at restricted:v1.30");
  }

  @Test
  void deniedWorkloadsExitOneAndNameCheckFieldAndLine() {
    Run r = run(ROOT_DEPLOYMENT, "pss", "-", "--level", "restricted");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("Deployment shop/web: denied at restricted:latest (rules of v1.37)")
        .contains("runAsNonRoot  <stdin>:")
        .contains("runAsUser  <stdin>:21:")
        .contains("container \"web\" sets securityContext.runAsUser: 0");
  }

  @Test
  void versionChangesTheVerdictExactlyWhereUpstreamDoes() {
    // runAsUser exists from v1.23; runAsNonRoot fails at every version
    JsonNode v122 = run(ROOT_DEPLOYMENT, "pss", "-", "--version", "v1.22", "-f", "json").data();
    JsonNode v130 = run(ROOT_DEPLOYMENT, "pss", "-", "--version", "v1.30", "-f", "json").data();
    assertThat(checks(v122.get(0))).containsExactly("runAsNonRoot");
    assertThat(checks(v130.get(0))).containsExactly("runAsNonRoot", "runAsUser");
  }

  private static List<String> checks(JsonNode result) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : result.path("violations")) {
      out.add(v.path("check").asString());
    }
    return out;
  }

  @Test
  void jsonIsAListInInputOrder() {
    Run r = run(ROOT_DEPLOYMENT + "---\n" + RESTRICTED_POD, "pss", "-", "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    JsonNode list = r.data();
    assertThat(list.isArray()).isTrue();
    assertThat(list.size()).isEqualTo(2);
    JsonNode first = list.get(0);
    assertThat(first.path("resource").path("kind").asString()).isEqualTo("Deployment");
    assertThat(first.path("resource").path("apiVersion").asString()).isEqualTo("apps/v1");
    assertThat(first.path("resource").path("namespace").asString()).isEqualTo("shop");
    assertThat(first.path("resource").path("name").asString()).isEqualTo("web");
    assertThat(first.path("level").asString()).isEqualTo("restricted");
    assertThat(first.path("version").asString()).isEqualTo("latest");
    assertThat(first.path("allowed").asBoolean()).isFalse();
    JsonNode runAsUser = first.path("violations").get(1);
    assertThat(runAsUser.path("check").asString()).isEqualTo("runAsUser");
    assertThat(runAsUser.path("message").asString()).startsWith("runAsUser=0: container \"web\"");
    assertThat(runAsUser.path("paths").get(0).asString())
        .isEqualTo("/spec/template/spec/containers/0/securityContext/runAsUser");
    assertThat(runAsUser.path("locations").get(0).path("line").asInt()).isEqualTo(21);
    assertThat(list.get(1).path("allowed").asBoolean()).isTrue();
    assertThat(list.get(1).path("violations").size()).isZero();
  }

  @Test
  void badUsageExitsTwo() {
    assertThat(run(RESTRICTED_POD, "pss", "-", "--version", "1.30").code()).isEqualTo(2);
    assertThat(run(RESTRICTED_POD, "pss", "-", "--version", "1.30").err())
        .contains("expected latest or v1.<minor>");
    assertThat(run(RESTRICTED_POD, "pss", "-", "--level", "strict").code()).isEqualTo(2);
    assertThat(run(RESTRICTED_POD, "pss", "-", "--format", "sarif").code()).isEqualTo(2);
    assertThat(run(RESTRICTED_POD, "pss").code()).isEqualTo(2);
    assertThat(run(RESTRICTED_POD, "pss", "-", "--namespaces", "--what-if", "baseline").code())
        .isEqualTo(2);
    assertThat(run(RESTRICTED_POD, "pss", "-", "--what-if", "strict").code()).isEqualTo(2);
  }

  @Test
  void versionsBeyondTheNewestAreLatest() {
    Run r = run(ROOT_DEPLOYMENT, "pss", "-", "--version", "v1.99", "-f", "json");
    assertThat(r.data().get(0).path("effectiveVersion").asString()).isEqualTo("v1.37");
  }

  @Test
  void unreadableInputExitsTwoAndTheRestIsJudged(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("good.yaml"), RESTRICTED_POD);
    Files.writeString(dir.resolve("broken.yaml"), "kind: Pod\nspec: [\n");
    Run r = run("", "pss", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("broken.yaml");
    assertThat(r.out()).contains("Pod shop/good: allowed");
  }

  @Test
  void helpHasAnExample() {
    Run r = run("", "pss", "--help");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("Examples:").contains("kordon pss deploy/ --level restricted");
  }

  static final String NAMESPACES =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: shop
        labels:
          pod-security.kubernetes.io/enforce: baseline
          pod-security.kubernetes.io/enforce-version: v1.30
          pod-security.kubernetes.io/warn: restricted
      ---
      apiVersion: v1
      kind: Namespace
      metadata:
        name: ops
        labels:
          pod-security.kubernetes.io/enforce: restricted
          pod-security.kubernetes.io/audit-version: v1.x
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: debug
        namespace: ops
      spec:
        containers:
          - name: shell
            image: alpine:3.20
            securityContext:
              privileged: true
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: plain
        namespace: dev
      spec:
        containers:
          - name: app
            image: app:1.0
      ---
      """;

  @Test
  void namespacesAreJudgedByTheirOwnLabels() {
    Run r = run(NAMESPACES + ROOT_DEPLOYMENT, "pss", "--namespaces", "-");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "namespace shop: enforce=baseline:v1.30 audit=privileged:latest (default)"
                + " warn=restricted:latest")
        .contains(
            "Deployment shop/web: warn would warn (restricted:latest): runAsNonRoot, runAsUser")
        .contains("Pod ops/debug: enforce would reject it (restricted:latest): privileged")
        .contains("label error: pod-security.kubernetes.io/audit-version=\"v1.x\"")
        .contains("namespace dev: enforce=privileged:latest (default)")
        .contains("Pod dev/plain: allowed in every mode");
    assertThat(r.out()).doesNotContain("Deployment shop/web: enforce");
  }

  @Test
  void unlabelledNamespacesUseTheConfiguredDefault() {
    Run r =
        run(NAMESPACES, "pss", "--namespaces", "-", "--default", "restricted:v1.25", "-f", "json");
    assertThat(r.code()).isEqualTo(1);
    JsonNode root = r.data();
    JsonNode dev = null;
    for (JsonNode ns : root.path("namespaces")) {
      if (ns.path("name").asString().equals("dev")) {
        dev = ns;
      }
    }
    assertThat(dev).isNotNull();
    assertThat(dev.path("modes").path("enforce").path("level").asString()).isEqualTo("restricted");
    assertThat(dev.path("modes").path("enforce").path("version").asString()).isEqualTo("v1.25");
    JsonNode plain = root.path("workloads").get(1);
    assertThat(plain.path("resource").path("name").asString()).isEqualTo("plain");
    assertThat(plain.path("rejected").asBoolean()).isTrue();
  }

  @Test
  void admissionConfigurationSetsDefaultsAndExemptions(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("pss.yaml");
    Files.writeString(
        config,
        """
        apiVersion: pod-security.admission.config.k8s.io/v1
        kind: PodSecurityConfiguration
        defaults:
          enforce: baseline
          enforce-version: v1.29
        exemptions:
          namespaces: [ops]
        """);
    Run r = run(NAMESPACES, "pss", "--namespaces", "-", "--admission-config", config.toString());
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out())
        .contains("namespace dev: enforce=baseline:v1.29 (default)")
        .contains("namespace ops: exempt by configuration")
        .contains("Pod ops/debug: exempt");
    Run whatIf =
        run(
            NAMESPACES,
            "pss",
            "--what-if",
            "restricted",
            "-",
            "--admission-config",
            config.toString());
    assertThat(whatIf.out())
        .contains("namespace ops: exempt by configuration, nothing would be denied");
  }

  @Test
  void whatIfListsWhatANewLabelWouldDenyPerNamespace() {
    Run r =
        run(
            NAMESPACES + ROOT_DEPLOYMENT + "---\n" + RESTRICTED_POD,
            "pss",
            "--what-if",
            "restricted:v1.30",
            "-");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "namespace shop: 1 of 2 workloads would be denied at restricted:v1.30 (1 not denied"
                + " today by enforce baseline:v1.30)")
        .contains("  Deployment shop/web: runAsNonRoot, runAsUser  (new)")
        .contains("namespace ops: 1 of 1 workloads would be denied at restricted:v1.30 (0 not")
        .contains("namespace dev: 1 of 1 workloads would be denied");
    Run baseline =
        run(NAMESPACES + ROOT_DEPLOYMENT, "pss", "--what-if", "baseline", "-", "-f", "json");
    JsonNode list = baseline.data();
    assertThat(list.size()).isEqualTo(3);
    for (JsonNode ns : list) {
      assertThat(ns.path("summary").asString())
          .startsWith("namespace " + ns.path("namespace").asString());
    }
  }

  @Test
  void scanShowsOneFindingWhenACatalogControlAndAPssCheckCatchTheSameField() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
          namespace: ops
        spec:
          containers:
            - name: shell
              image: alpine:3.20
              securityContext:
                privileged: true
        """;
    Run r = run(pod, "scan", "-", "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode root = r.json();
    List<String> atField = new ArrayList<>();
    for (JsonNode f : root.path("findings")) {
      if (f.path("path").asString().equals("/spec/containers/0/securityContext/privileged")) {
        atField.add(f.path("controlId").asString());
      }
    }
    assertThat(atField).containsExactly("KOR-0001");
    for (JsonNode fw : root.path("frameworks")) {
      if (fw.path("id").asString().equals("pss-baseline")) {
        assertThat(fw.path("failed").asInt()).isGreaterThanOrEqualTo(2);
      }
    }
  }
}
