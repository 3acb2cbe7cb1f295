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

/**
 * The scan options kubescape and Trivy users look for: --severity, several --framework ids,
 * kordon.dev/ignore annotations, --compliance-threshold, --exclude and --exclude-namespaces.
 */
class ScanFiltersTest {

  /** A privileged (critical) container without limits (low and medium findings too). */
  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        namespace: ns
      %s
      spec:
        containers:
          - name: app
            image: nginx:1.27
            securityContext: {privileged: true}
      """;

  private static final String PRIVILEGED_MESSAGE = "securityContext.privileged: true";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private Path pod() throws IOException {
    return write("p.yaml", POD.formatted(""));
  }

  private static JsonNode json(String text) {
    return JsonMapper.builder().build().readTree(text);
  }

  private static List<String> severities(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.path("findings").forEach(f -> out.add(f.path("severity").asString()));
    return out;
  }

  @Test
  void severityListsOnlyThoseFindingsInJsonAndSaysSo() throws IOException {
    String file = pod().toString();
    CliRun all = CliRun.of("scan", file, "--format", "json");
    CliRun high = CliRun.of("scan", file, "--format", "json", "--severity", "high,critical");

    assertThat(high.code()).isZero();
    assertThat(high.err()).isEmpty();
    JsonNode a = json(all.out());
    JsonNode h = json(high.out());
    assertThat(severities(a)).contains("low", "critical");
    assertThat(severities(h)).isNotEmpty().allMatch(s -> s.equals("high") || s.equals("critical"));
    assertThat(h.path("summary").path("findings")).isEqualTo(a.path("summary").path("findings"));
    assertThat(h.path("summary").path("bySeverity"))
        .isEqualTo(a.path("summary").path("bySeverity"));
    assertThat(h.path("frameworks")).isEqualTo(a.path("frameworks"));
    assertThat(h.path("summary").path("shown").path("findings").asInt())
        .isEqualTo(h.path("findings").size());
    assertThat(h.path("filters").path("severity").toString()).isEqualTo("[\"high\",\"critical\"]");
    assertThat(a.has("filters")).isFalse();
    assertThat(a.path("summary").has("shown")).isFalse();
  }

  @Test
  void severityFiltersEveryFormat() throws IOException {
    String file = pod().toString();
    CliRun table = CliRun.of("scan", file, "--severity", "low");
    assertThat(table.code()).isZero();
    assertThat(table.out())
        .doesNotContain("KOR-0001")
        .contains("showing low findings only: ")
        .contains("; counts, scores and the exit code cover every finding");
    assertThat(CliRun.of("scan", file).out()).contains("KOR-0001");

    for (String format : List.of("sarif", "junit", "markdown", "html")) {
      CliRun full = CliRun.of("scan", file, "--format", format);
      CliRun low = CliRun.of("scan", file, "--format", format, "--severity", "low");
      // the finding's message: SARIF and JUnit name every control that ran, shown or not
      assertThat(full.out()).as(format).contains(PRIVILEGED_MESSAGE);
      assertThat(low.code()).as(format).isZero();
      assertThat(low.out()).as(format).doesNotContain(PRIVILEGED_MESSAGE);
      if (!format.equals("junit")) {
        assertThat(low.out()).as(format).contains("showing low findings only");
      }
    }
  }

  @Test
  void severityDoesNotChangeTheExitCode() throws IOException {
    String file = pod().toString();
    CliRun r = CliRun.of("scan", file, "--severity", "low", "--fail-on", "critical");
    assertThat(r.code()).as("the critical finding still fails the scan").isEqualTo(1);
    assertThat(r.out()).doesNotContain("KOR-0001");
  }

  @Test
  void anUnknownSeverityIsBadUsage() throws IOException {
    CliRun r = CliRun.of("scan", pod().toString(), "--severity", "high,urgent");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--severity: unknown severity 'urgent'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void severalFrameworksRunAndEachIsScored() throws IOException {
    String file = pod().toString();
    for (String[] args :
        List.of(
            new String[] {"--framework", "cis,nsa"},
            new String[] {"--framework", "cis", "--framework", "nsa"})) {
      List<String> cmd = new ArrayList<>(List.of("scan", file, "--format", "json"));
      cmd.addAll(List.of(args));
      CliRun r = CliRun.of(cmd.toArray(String[]::new));
      assertThat(r.code()).isZero();
      List<String> ids = new ArrayList<>();
      json(r.out()).path("frameworks").forEach(f -> ids.add(f.path("id").asString()));
      assertThat(ids).containsExactly("cis", "nsa");
    }
  }

  @Test
  void anUnknownFrameworkListsTheValidOnes() throws IOException {
    CliRun r = CliRun.of("scan", pod().toString(), "--framework", "cis,soc2");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "unknown framework 'soc2' (known: cis, nsa, pss-baseline, pss-restricted, mitre)");
  }

  @Test
  void anIgnoreAnnotationExceptsTheControlWithItsReason() throws IOException {
    Path file =
        write(
            "p.yaml",
            POD.formatted(
                "  annotations:\n    kordon.dev/ignore: \"KOR-0001: debug pod, reviewed\""));
    CliRun r = CliRun.of("scan", file.toString(), "--format", "json", "--fail-on", "critical");
    assertThat(r.code()).as("the only critical finding is excepted").isZero();
    JsonNode privileged = null;
    for (JsonNode f : json(r.out()).path("findings")) {
      if (f.path("controlId").asString().equals("KOR-0001")) {
        privileged = f;
      }
    }
    assertThat(privileged).isNotNull();
    assertThat(privileged.path("status").asString()).isEqualTo("excepted");
    assertThat(privileged.path("note").asString()).isEqualTo("debug pod, reviewed");
  }

  @Test
  void aMalformedIgnoreAnnotationIsANoteWithFileAndLine() throws IOException {
    Path file =
        write("p.yaml", POD.formatted("  annotations:\n    kordon.dev/ignore: \"KOR-0001\""));
    CliRun r = CliRun.of("scan", file.toString(), "--fail-on", "critical");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(file + ":7").contains("kordon.dev/ignore on Pod/ns/p ignored");
  }

  @Test
  void complianceThresholdFailsWhenAFrameworkScoresBelowIt() throws IOException {
    String file = pod().toString();
    CliRun below =
        CliRun.of("scan", file, "--framework", "cis,nsa", "--compliance-threshold", "100");
    assertThat(below.code()).isEqualTo(1);
    assertThat(below.err())
        .containsPattern("kordon: framework cis scores [0-9.]+, below --compliance-threshold 100");
    assertThat(below.err()).containsPattern("kordon: framework nsa scores [0-9.]+, below");

    CliRun zero = CliRun.of("scan", file, "--framework", "cis", "--compliance-threshold", "0");
    assertThat(zero.code()).isZero();
    assertThat(zero.err()).isEmpty();

    CliRun both = CliRun.of("scan", file, "--compliance-threshold", "0", "--fail-on", "critical");
    assertThat(both.code()).as("--fail-on still decides").isEqualTo(1);

    CliRun clean =
        CliRun.of(
            "scan",
            write(
                    "clean.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: ns}\n")
                .toString(),
            "--compliance-threshold",
            "100");
    assertThat(clean.code()).as("nothing applied scores 100").isZero();
  }

  @Test
  void complianceThresholdOutsideZeroToHundredIsBadUsage() throws IOException {
    CliRun r = CliRun.of("scan", pod().toString(), "--compliance-threshold", "101");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--compliance-threshold: expected 0 to 100");
  }

  @Test
  void excludeSkipsFilesByGlob() throws IOException {
    write("app/p.yaml", POD.formatted(""));
    write("tests/p.yaml", POD.formatted("").replace("name: p", "name: t"));
    write("app/web.tmpl.yaml", POD.formatted("").replace("name: p", "name: tmpl"));
    CliRun r =
        CliRun.of(
            "scan",
            dir.toString(),
            "--format",
            "json",
            "--exclude",
            "tests/**",
            "--exclude",
            "*.tmpl.yaml");
    assertThat(r.code()).isZero();
    JsonNode report = json(r.out());
    assertThat(report.path("summary").path("objects").asInt()).isEqualTo(1);
    assertThat(r.out())
        .contains("app/p.yaml")
        .doesNotContain("tests/p.yaml")
        .doesNotContain("tmpl");
  }

  @Test
  void excludeNamespacesSkipsTheirObjects() throws IOException {
    write(
        "all.yaml",
        POD.formatted("")
            + "---\n"
            + POD.formatted("").replace("namespace: ns", "namespace: kube-system")
            + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules: []\n");
    CliRun r =
        CliRun.of(
            "scan",
            dir.toString(),
            "--format",
            "json",
            "--exclude-namespaces",
            "kube-system,other");
    assertThat(r.code()).isZero();
    JsonNode report = json(r.out());
    assertThat(report.path("summary").path("objects").asInt()).isEqualTo(2);
    assertThat(r.out()).doesNotContain("\"namespace\" : \"kube-system\"");
  }
}
