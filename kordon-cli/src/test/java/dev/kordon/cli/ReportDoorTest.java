package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.report.JsonOutput;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every command that prints a result leaves through the same door: {@code --format} and {@code
 * --output} mean the same everywhere, a format that makes no sense is refused with the list of
 * those that do, and nothing from an input reaches the terminal raw.
 */
class ReportDoorTest {

  @TempDir static Path tmp;

  static final String EXAMPLES = Path.of("..", "examples").toString();

  static Path flows;

  @BeforeAll
  static void flowFile() throws IOException {
    flows = tmp.resolve("flows.jsonl");
    Files.writeString(flows, "{\"src\": \"shop/web\", \"dst\": \"shop/api\", \"port\": 8080}\n");
  }

  static String resource(String name) {
    try {
      return Path.of(ReportDoorTest.class.getResource("/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String policy(String name) {
    try {
      return Path.of(ReportDoorTest.class.getResource("/policy/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A worker node's tree (modes as git left them), for {@code kordon node}. */
  static final String NODE =
      Path.of("..", "kordon-core", "src", "test", "resources", "node", "worker").toString();

  static final String AUDIT_LOG = "src/test/resources/audit/exec.log";

  /** The command words, then its arguments; every command of the contract. */
  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of("scan", List.of("scan", EXAMPLES)),
        Arguments.of("pss", List.of("pss", EXAMPLES)),
        Arguments.of("rbac who-can", List.of("rbac", "who-can", "get", "secrets", EXAMPLES)),
        Arguments.of("rbac can", List.of("rbac", "can", "serviceaccount:shop:shop-api", EXAMPLES)),
        Arguments.of("rbac risks", List.of("rbac", "risks", EXAMPLES)),
        Arguments.of("rbac paths", List.of("rbac", "paths", EXAMPLES)),
        Arguments.of("netpol matrix", List.of("netpol", "matrix", EXAMPLES)),
        Arguments.of(
            "netpol explain",
            List.of("netpol", "explain", "shop/web", "shop/api", "--port", "8080", EXAMPLES)),
        Arguments.of("netpol coverage", List.of("netpol", "coverage", EXAMPLES)),
        Arguments.of("netpol flows", List.of("netpol", "flows", "FLOWS", EXAMPLES)),
        Arguments.of("netpol suggest", List.of("netpol", "suggest", "FLOWS", EXAMPLES)),
        Arguments.of("image scan", List.of("image", "scan", "oci:" + resource("image/alpine"))),
        Arguments.of(
            "image verify",
            List.of(
                "image",
                "verify",
                "oci:" + resource("image/alpine"),
                "--key",
                resource("image/cosign.pub"))),
        Arguments.of("controls list", List.of("controls", "list")),
        Arguments.of("node", List.of("node", "--root", NODE)),
        Arguments.of("audit", List.of("audit", AUDIT_LOG)),
        Arguments.of("audit rbac", List.of("audit", "rbac", AUDIT_LOG, "--user", "mallory")),
        Arguments.of(
            "audit policy", List.of("audit", "policy", "src/test/resources/audit/policy.yaml")),
        Arguments.of("controls explain", List.of("controls", "explain", "KOR-0001")),
        Arguments.of(
            "policy test",
            List.of(
                "policy",
                "test",
                policy("replica-limit.yaml"),
                "--resources",
                policy("resources.yaml"))));
  }

  static String[] args(List<String> base, String... more) {
    List<String> all = new ArrayList<>();
    for (String a : base) {
      all.add(a.equals("FLOWS") ? flows.toString() : a);
    }
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void jsonToAFileWritesTheReportThereAndNothingToStdout(String name, List<String> base)
      throws IOException {
    Path out = tmp.resolve(name.replace(' ', '-') + "/result.json");
    CliRun r = CliRun.of(args(base, "--format", "json", "--output", out.toString()));
    assertThat(r.code()).as(r.err()).isIn(0, 1);
    assertThat(r.out()).isEmpty();
    JsonNode root = JsonOutput.mapper().readTree(Files.readString(out));
    for (String field : List.of("tool", "summary", "findings", "frameworks", "errors", "notes")) {
      assertThat(root.has(field)).as(name + " has " + field).isTrue();
    }
    // scan and node report findings alone; the analyzer commands add their answer as a section
    if (!name.equals("scan") && !name.equals("node")) {
      assertThat(root.path("command").asString()).isEqualTo(name);
      assertThat(root.path("sections").get(0).path("data").isMissingNode()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void aFormatThatMakesNoSenseIsRefusedWithTheListOfThoseThatDo(String name, List<String> base) {
    // commands whose result is findings take sarif, as scan does
    String refused =
        name.equals("scan")
                || name.equals("node")
                || name.startsWith("image ")
                || name.startsWith("audit") && !name.equals("audit rbac")
            ? "dot"
            : "sarif";
    CliRun r = CliRun.of(args(base, "--format", refused));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("kordon: --format " + refused + " is not available for '" + name + "' (use ")
        .contains("table, json");
  }

  @Test
  void theRefusalNamesExactlyTheFormatsOfTheCommand() {
    assertThat(CliRun.of("controls", "list", "--format", "sarif").err())
        .startsWith(
            "kordon: --format sarif is not available for 'controls list'"
                + " (use table, json, markdown)\n");
    assertThat(CliRun.of("rbac", "paths", EXAMPLES, "--format", "junit").err())
        .contains("(use table, json, markdown, html, dot)");
    assertThat(CliRun.of("scan", EXAMPLES, "--format", "dot").err())
        .contains("(use table, json, sarif, junit, markdown, html)");
  }

  @Test
  void anUnknownFormatListsTheValidOnesWithoutJavaText() {
    CliRun r = CliRun.of("pss", EXAMPLES, "--format", "nonsense");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("kordon: --format nonsense is not a format (use table, json, markdown, html)")
        .doesNotContain("Exception")
        .doesNotContain("java.");
  }

  @Test
  void rbacPathsDrawsADotGraph() {
    CliRun r = CliRun.of("rbac", "paths", EXAMPLES, "--format", "dot");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("digraph kordon_rbac_paths {\n")
        .contains("\"serviceaccount:shop:shop-api\" -> \"cluster-admin\" [label=\"cluster-admin\"")
        .contains("\"cluster-admin\" [label=\"cluster-admin\", style=filled")
        .endsWith("}\n");
  }

  @Test
  void errorsGoToStandardErrorEvenWhenTheReportGoesToAFile() throws IOException {
    Path broken = tmp.resolve("broken.yaml");
    Files.writeString(broken, "kind: Pod\nmetadata: [unclosed\n");
    Path out = tmp.resolve("broken/out.json");
    CliRun r = CliRun.of("pss", broken.toString(), "--format", "json", "--output", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("broken.yaml");
    JsonNode errors = JsonOutput.mapper().readTree(Files.readString(out)).path("errors");
    assertThat(errors.size()).isEqualTo(1);
    assertThat(errors.get(0).path("file").asString()).endsWith("broken.yaml");
  }

  // --- hostile names: an escape sequence in a name must never reach the terminal raw ---

  static final String HOSTILE = "web\\e[2J\\e[31mPWNED";

  static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: "%s"
        namespace: shop
        labels: {app: web}
      spec:
        containers:
          - name: app
            image: nginx:1.27
            securityContext: {privileged: true}
      status:
        podIP: 10.0.0.7
      """
          .formatted(HOSTILE);

  static final String BINDING =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: "reader-%s"}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
      subjects:
        - {kind: User, name: "%s", apiGroup: rbac.authorization.k8s.io}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: secret-reader}
      rules:
        - {apiGroups: [""], resources: [secrets], verbs: [get]}
      """
          .formatted(HOSTILE, HOSTILE);

  static void assertNoEscape(CliRun r, String shown) {
    assertThat(r.code()).as(r.err()).isIn(0, 1);
    assertThat(r.out()).as("the name is shown, made safe").contains(shown);
    assertThat(r.out()).doesNotContain("\u001b");
  }

  @Test
  void netpolMatrixNeverPrintsAnEscape() {
    assertNoEscape(CliRun.withStdin(POD, "netpol", "matrix", "-"), "web?[2J?[31mPWNED");
  }

  @Test
  void pssNeverPrintsAnEscape() {
    assertNoEscape(CliRun.withStdin(POD, "pss", "-"), "web?[2J?[31mPWNED");
  }

  @Test
  void rbacWhoCanNeverPrintsAnEscape() {
    assertNoEscape(
        CliRun.withStdin(BINDING, "rbac", "who-can", "get", "secrets", "-"), "web?[2J?[31mPWNED");
  }

  @Test
  void scanNeverPrintsAnEscape() {
    assertNoEscape(CliRun.withStdin(POD, "scan", "-"), "web?[2J?[31mPWNED");
  }

  @Test
  void dotAndMarkdownNeverCarryAnEscapeEither() {
    CliRun dot = CliRun.withStdin(POD, "netpol", "matrix", "-", "--format", "dot");
    assertThat(dot.out()).contains("web?[2J?[31mPWNED").doesNotContain("\u001b");
    CliRun md =
        CliRun.withStdin(BINDING, "rbac", "who-can", "get", "secrets", "-", "-f", "markdown");
    assertThat(md.out()).contains("PWNED").doesNotContain("\u001b");
  }
}
