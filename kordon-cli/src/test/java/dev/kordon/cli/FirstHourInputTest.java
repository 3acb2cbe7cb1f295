package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue #13: what a new user meets first about errors and input, command by command. */
class FirstHourInputTest {

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: NAME, namespace: shop}
      spec:
        containers:
          - name: app
            image: IMAGE
            securityContext: {privileged: true}
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private static String pod(String name) {
    return POD.replace("NAME", name).replace("IMAGE", "nginx:1.27");
  }

  private static JsonNode json(String text) {
    return JsonMapper.builder().build().readTree(text);
  }

  private static List<String> controlIds(JsonNode report) {
    List<String> ids = new ArrayList<>();
    report.path("findings").forEach(f -> ids.add(f.path("controlId").asString()));
    return ids;
  }

  /** Every command that reads files, each with the arguments it needs before the paths. */
  private List<List<String>> everyCommand() throws IOException {
    String flows = write("flows.jsonl", "").toString();
    String policy = write("policy/vap.yaml", "# no policy\n").toString();
    return List.of(
        List.of("scan"),
        List.of("pss"),
        List.of("rbac", "who-can", "get", "pods"),
        List.of("rbac", "can", "user:alice"),
        List.of("rbac", "risks"),
        List.of("rbac", "paths"),
        List.of("netpol", "matrix"),
        List.of("netpol", "explain", "shop/web", "shop/web", "--port", "80"),
        List.of("netpol", "coverage"),
        List.of("netpol", "flows", flows),
        List.of("netpol", "suggest", flows),
        List.of("policy", "test", policy, "--resources"));
  }

  private CliRun run(List<String> command, String... rest) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of(rest));
    return CliRun.of(args.toArray(String[]::new));
  }

  // 1. --output never hides why a run failed

  @Test
  void outputNeverHidesWhyARunFailed() throws IOException {
    Path out = dir.resolve("x.sarif");
    CliRun scan = CliRun.of("scan", "nope.yaml", "--format", "sarif", "--output", out.toString());
    assertThat(scan.code()).isEqualTo(2);
    assertThat(scan.out()).isEmpty();
    assertThat(scan.err()).contains("kordon: nope.yaml: no such file or directory");
    assertThat(Files.readString(out)).contains("no such file or directory");

    String note = write("in/values.yaml", "replicas: 2\n").toString();
    String good = write("in/pod.yaml", pod("web")).toString();
    for (List<String> command : everyCommand()) {
      Files.deleteIfExists(out);
      CliRun missing = run(command, "nope.yaml", "--format", "json", "--output", out.toString());
      assertThat(missing.code()).as("%s", command).isEqualTo(2);
      assertThat(missing.out()).as("%s", command).isEmpty();
      assertThat(missing.err())
          .as("%s", command)
          .contains("kordon: nope.yaml: no such file or directory");
      if (command.contains("explain")) {
        // FROM names nothing in the (unread) inputs: a usage error, before any report
        assertThat(missing.err()).contains("kordon: shop/web: no such pod or workload");
        assertThat(out).doesNotExist();
      } else {
        assertThat(json(Files.readString(out)).path("errors").toString())
            .as("%s", command)
            .contains("no such file or directory");
      }

      CliRun noted = run(command, good, note, "--format", "json", "--output", out.toString());
      assertThat(noted.out()).as("%s", command).isEmpty();
      assertThat(noted.err())
          .as("%s", command)
          .contains("kordon: note: " + note + ":1: skipped: not a Kubernetes object");
      assertThat(json(Files.readString(out)).path("notes").toString())
          .as("%s", command)
          .contains("skipped: not a Kubernetes object");
    }
  }

  // 2. a broken document does not hide the rest of its file

  @Test
  void aBrokenDocumentDoesNotHideTheDocumentsAfterIt() throws IOException {
    String broken = "apiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n";
    Path file = write("three.yaml", pod("first") + "---\n" + broken + "---\n" + pod("third"));
    CliRun run = CliRun.of("scan", file.toString(), "--format", "json");
    assertThat(run.code()).isEqualTo(2);
    JsonNode report = json(run.out());
    List<String> names = new ArrayList<>();
    report
        .path("findings")
        .forEach(
            f -> {
              if (f.path("controlId").asString().equals("KOR-0001")) {
                names.add(
                    f.path("resource").path("name").asString()
                        + "@"
                        + f.path("location").path("line").asInt());
              }
            });
    assertThat(names).containsExactly("first@8", "third@21");
    assertThat(run.err())
        .contains("kordon: " + file + ":13: invalid YAML: ")
        .contains("; document 2 skipped, reading resumed at line 13\n");
  }

  // 3. scanning nothing is not a pass

  @Test
  void anEmptyDirectoryIsNothingToScan() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun run = CliRun.of("scan", empty.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("kordon: " + empty + ": nothing to scan: no .yaml, .yml or .json file found");
    assertThat(run.out()).doesNotContain("100.0%").contains("n/a");
  }

  @Test
  void filesWithoutKubernetesObjectsAreNothingToScanAndNamed() throws IOException {
    write("repo/compose.yaml", "services:\n  web: {image: nginx}\n");
    write("repo/.gitlab-ci.yml", "stages: [build]\n");
    write("repo/values.yaml", "replicaCount: 1\n");
    String repo = dir.resolve("repo").toString();
    CliRun run = CliRun.of("scan", repo, "--format", "json");
    assertThat(run.code()).isEqualTo(2);
    String prefix = repo + "/";
    assertThat(run.err())
        .contains(
            "kordon: "
                + repo
                + ": nothing to scan: 3 files read ("
                + prefix
                + ".gitlab-ci.yml, "
                + prefix
                + "compose.yaml, "
                + prefix
                + "values.yaml), none holds a Kubernetes object");
    JsonNode report = json(run.out());
    assertThat(report.path("errors").get(0).path("message").asString())
        .startsWith("nothing to scan: 3 files read");
    assertThat(report.path("frameworks")).isNotEmpty();
    report
        .path("frameworks")
        .forEach(
            f -> {
              assertThat(f.has("score")).as("score stays in the contract").isTrue();
              assertThat(f.path("score").isNull()).as("%s is not applicable", f).isTrue();
            });
  }

  @Test
  void analyzersRefuseAnEmptyInputToo() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("nothing"));
    for (List<String> command : everyCommand()) {
      CliRun run = run(command, empty.toString());
      assertThat(run.code()).as("%s", command).isEqualTo(2);
      assertThat(run.err())
          .as("%s", command)
          .contains(empty + ": nothing to scan: no .yaml, .yml or .json file found");
    }
  }

  @Test
  void aFrameworkWithNothingToJudgeIsNotApplicableNotPassed() throws IOException {
    Path cm = write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
    CliRun json = CliRun.of("scan", cm.toString(), "--format", "json");
    assertThat(json.code()).isZero();
    JsonNode pss = null;
    for (JsonNode f : json(json.out()).path("frameworks")) {
      if (f.path("id").asString().equals("pss-restricted")) {
        pss = f;
      }
    }
    assertThat(pss).isNotNull();
    assertThat(pss.path("score").isNull()).isTrue();
    for (String format : List.of("table", "markdown", "html")) {
      CliRun text = CliRun.of("scan", cm.toString(), "--format", format);
      assertThat(text.out()).as(format).contains("n/a");
    }
  }

  // 4. Helm charts are rendered once, in-process; their raw templates are never read as manifests

  private static boolean helmRenders() {
    return System.getProperty("os.name").startsWith("Linux")
        && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
  }

  @Test
  void helmChartsInADirectoryAreRenderedOnceAndPointAtTheirTemplates() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        helmRenders(), "helm-java's native library exists for linux-amd64 only");
    write("repo/k8s/pod.yaml", pod("web"));
    write("repo/charts/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
    write("repo/charts/app/values.yaml", "privileged: true\n");
    write(
        "repo/charts/app/templates/pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n"
            + "  containers:\n    - name: a\n      image: nginx:1.27\n"
            + "      securityContext:\n        privileged: {{ .Values.privileged }}\n");
    write("repo/charts/app/charts/db/Chart.yaml", "apiVersion: v2\nname: db\nversion: 1.0.0\n");
    write("repo/charts/app/charts/db/templates/s.yaml", "{{- if .Values.x }}\n{{- end }}\n");
    Path repo = dir.resolve("repo");
    CliRun run =
        CliRun.of(
            "scan",
            repo.toString(),
            "--release",
            "shop",
            "--namespace",
            "prod",
            "--format",
            "json");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    String template = repo.resolve("charts/app/templates/pod.yaml").toString();
    JsonNode privileged = null;
    for (JsonNode f : JsonMapper.builder().build().readTree(run.out()).path("findings")) {
      if (f.path("controlId").asString().equals("KOR-0001")
          && f.at("/location/file").asString().contains("charts")) {
        privileged = f;
      }
    }
    assertThat(privileged).as(run.out()).isNotNull();
    assertThat(privileged.at("/location/file").asString()).isEqualTo(template);
    assertThat(privileged.at("/location/line").asInt()).isEqualTo(10);
    assertThat(privileged.at("/resource/namespace").asString()).isEqualTo("prod");
    assertThat(privileged.at("/resource/name").asString()).isEqualTo("shop");
    assertThat(run.out()).contains("k8s/pod.yaml").doesNotContain("s.yaml");

    CliRun off = CliRun.of("scan", repo.toString(), "--set", "privileged=false");
    assertThat(off.out())
        .contains("templates/pod.yaml")
        .doesNotContain("KOR-0001  container \"a\"");
  }

  @Test
  void aChartWithAMissingRequiredValueIsAnErrorNamingIt() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        helmRenders(), "helm-java's native library exists for linux-amd64 only");
    write("app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
    write(
        "app/templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
            + "  name: {{ required \"name is required\" .Values.name }}\n");
    Path chart = dir.resolve("app");
    for (Path arg : List.of(chart, chart.resolve("templates"))) {
      CliRun run = CliRun.of("scan", arg.toString());
      assertThat(run.code()).as("%s", arg).isEqualTo(2);
      assertThat(run.err())
          .as("%s", arg)
          .contains(chart.resolve("templates/cm.yaml") + ":4")
          .contains("name is required")
          .doesNotContain("invalid YAML");
    }
    assertThat(CliRun.of("scan", chart.toString(), "--set", "name=x").code()).isZero();
  }

  // 5. --allowed-registries "" disables KOR-0064

  @Test
  void anEmptyRegistryAllowlistDisablesTheControl() throws IOException {
    Path file = write("p.yaml", POD.replace("NAME", "p").replace("IMAGE", "evil.example/x:1"));
    CliRun defaults = CliRun.of("scan", file.toString(), "--format", "json");
    assertThat(controlIds(json(defaults.out()))).contains("KOR-0064");
    CliRun disabled =
        CliRun.of("scan", file.toString(), "--format", "json", "--allowed-registries", "");
    assertThat(disabled.code()).isZero();
    assertThat(controlIds(json(disabled.out()))).doesNotContain("KOR-0064").contains("KOR-0001");
    CliRun listed =
        CliRun.of(
            "scan", file.toString(), "--format", "json", "--allowed-registries", "evil.example");
    assertThat(controlIds(json(listed.out()))).doesNotContain("KOR-0064");
  }

  // 6. unknown control ids are errors

  @Test
  void enablingAnUnknownControlIsAUsageError() throws IOException {
    Path file = write("p.yaml", pod("p"));
    CliRun run = CliRun.of("scan", file.toString(), "--enable", "KOR-0001,KOR-9999");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("kordon: --enable: unknown control 'KOR-9999' (see 'kordon controls list')");
  }

  @Test
  void anExceptionForAnUnknownControlIsAnError() throws IOException {
    Path file = write("p.yaml", pod("p"));
    Path exceptions =
        write(
            "accepted.yaml",
            """
            exceptions:
              - control: KOR-0001
                reason: the CNI agent needs it
              - control: KOR-00O1
                reason: a typo must not pass silently
            """);
    CliRun run = CliRun.of("scan", file.toString(), "--exceptions", exceptions.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "kordon: "
                + exceptions
                + ": exceptions[1]: unknown control 'KOR-00O1' (see 'kordon controls list')");
  }

  @Test
  void userRuleIdsAreKnownToExceptionsAndEnable() throws IOException {
    Path deploy =
        write(
            "d.yaml",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d, namespace: shop}
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: nginx:1.27
                      resources: {limits: {memory: 4Gi}}
            """);
    Path exceptions =
        write(
            "accepted.yaml",
            "exceptions:\n  - control: org.memory-limit\n    reason: batch job, reviewed\n");
    Path rules = Path.of("..", "examples", "rules");
    CliRun run =
        CliRun.of(
            "scan",
            deploy.toString(),
            "--rules",
            rules.toString(),
            "--exceptions",
            exceptions.toString(),
            "--format",
            "json");
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
    boolean excepted = false;
    for (JsonNode f : json(run.out()).path("findings")) {
      if (f.path("controlId").asString().equals("org.memory-limit")) {
        excepted = f.path("status").asString().equals("excepted");
      }
    }
    assertThat(excepted).as("the user rule's finding is excepted").isTrue();
  }
}
