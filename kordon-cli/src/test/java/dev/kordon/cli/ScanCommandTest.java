package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScanCommandTest {

  private static final String PRIVILEGED =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: ns}
      spec:
        containers:
          - name: app
            image: nginx:1.27
            securityContext: {privileged: true}
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static JsonNode json(String text) {
    return JsonMapper.builder().build().readTree(text);
  }

  /** The KOR-0001 finding of a report, or a missing node. */
  private static JsonNode privileged(JsonNode report) {
    for (JsonNode f : report.path("findings")) {
      if (f.path("controlId").asString().equals("KOR-0001")) {
        return f;
      }
    }
    return tools.jackson.databind.node.MissingNode.getInstance();
  }

  @Test
  void findingsWithoutFailOnExitZero() throws IOException {
    CliRun run = CliRun.of("scan", write("p.yaml", PRIVILEGED).toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("KOR-0001").contains("p.yaml").contains("8:");
  }

  @Test
  void failOnThresholdDecidesExitOne() throws IOException {
    String file = write("p.yaml", PRIVILEGED).toString();
    assertThat(CliRun.of("scan", file, "--fail-on", "critical").code()).isEqualTo(1);
    assertThat(CliRun.of("scan", file, "--fail-on", "HIGH").code()).isEqualTo(1);
    Path clean = write("clean.yaml", PRIVILEGED.replace("privileged: true", "privileged: false"));
    assertThat(CliRun.of("scan", clean.toString(), "--fail-on", "critical").code()).isZero();
  }

  @Test
  void unreadableInputExitsTwoButTheRestIsStillReported() throws IOException {
    write("good.yaml", PRIVILEGED);
    write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n");
    CliRun run = CliRun.of("scan", dir.toString(), "--format", "json", "--fail-on", "critical");
    assertThat(run.code()).isEqualTo(2);
    JsonNode report = json(run.out());
    assertThat(privileged(report).path("location").path("file").asString()).endsWith("good.yaml");
    JsonNode error = report.path("errors").get(0);
    assertThat(error.path("file").asString()).endsWith("bad.yaml");
    assertThat(error.path("line").asInt()).isGreaterThan(0);
  }

  @Test
  void jsonReportHasTheContractFields() throws IOException {
    CliRun run = CliRun.of("scan", write("p.yaml", PRIVILEGED).toString(), "-f", "json");
    JsonNode r = json(run.out());
    for (String field : List.of("tool", "summary", "findings", "frameworks", "errors")) {
      assertThat(r.has(field)).as(field).isTrue();
    }
    assertThat(r.path("summary").path("bySeverity").path("critical").asInt()).isEqualTo(1);
    JsonNode f = privileged(r);
    for (String field :
        List.of(
            "controlId",
            "title",
            "severity",
            "resource",
            "path",
            "location",
            "message",
            "remediation",
            "fingerprint",
            "frameworks")) {
      assertThat(f.has(field)).as(field).isTrue();
    }
    assertThat(f.path("resource").path("kind").asString()).isEqualTo("Pod");
    assertThat(f.path("location").path("line").asInt()).isEqualTo(8);
    assertThat(f.path("path").asString())
        .isEqualTo("/spec/containers/0/securityContext/privileged");
  }

  @Test
  void readsStandardInput() {
    CliRun run = CliRun.withStdin(PRIVILEGED, "scan", "-", "--format", "json");
    assertThat(run.code()).isZero();
    assertThat(privileged(json(run.out())).path("location").path("file").asString())
        .isEqualTo("<stdin>");
  }

  @Test
  void writesTheReportToOutputFile() throws IOException {
    Path out = dir.resolve("reports/r.json");
    CliRun run =
        CliRun.of(
            "scan", write("p.yaml", PRIVILEGED).toString(), "-f", "json", "-o", out.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(privileged(json(Files.readString(out))).isMissingNode()).isFalse();
  }

  @Test
  void sameInputGivesByteIdenticalJson() throws IOException {
    String file =
        write("p.yaml", PRIVILEGED + "---\n" + PRIVILEGED.replace("name: p", "name: q")).toString();
    assertThat(CliRun.of("scan", file, "-f", "json").out())
        .isEqualTo(CliRun.of("scan", file, "-f", "json").out());
  }

  @Test
  void badUsageExitsTwoWithAHint() {
    CliRun none = CliRun.of("scan");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("nothing to scan").contains("--help");
    assertThat(CliRun.of("scan", ".", "--format", "pdf").code()).isEqualTo(2);
    assertThat(CliRun.of("scan", ".", "--fail-on", "severe").err()).contains("severe");
    assertThat(CliRun.of("scan", ".", "--framework", "pci").err()).contains("pci");
    assertThat(CliRun.of("frobnicate").code()).isEqualTo(2);
  }

  @Test
  void missingExceptionsFileIsAUsageError() throws IOException {
    CliRun run =
        CliRun.of(
            "scan",
            write("p.yaml", PRIVILEGED).toString(),
            "--exceptions",
            dir.resolve("none.yaml").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("none.yaml");
  }

  @Test
  void helpShowsAnExample() {
    CliRun run = CliRun.of("scan", "--help");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("Examples:").contains("kordon scan");
  }
}
