package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code kordon node} end to end on the misconfigured test tree (modes applied, no owners). */
class NodeCommandTest {

  private static final Path TREES =
      Path.of("..", "kordon-core", "src", "test", "resources", "node");

  @TempDir Path dir;

  private Path tree(String name) throws IOException {
    Path src = TREES.resolve(name);
    Path dst = dir.resolve(name);
    try (Stream<Path> all = Files.walk(src)) {
      for (Path p : all.toList()) {
        Path to = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    for (String line : Files.readAllLines(TREES.resolve(name + ".modes"), StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] f = line.trim().split("\\s+");
        Files.setAttribute(
            dst.resolve(f[0]), "unix:mode", Integer.parseInt(f[1], 8), LinkOption.NOFOLLOW_LINKS);
      }
    }
    return dst;
  }

  @Test
  void judgesANodeTreeAsJsonWithCisRefsAndFailsOnHigh() throws IOException {
    CliRun run =
        CliRun.of(
            "node",
            "--root",
            tree("misconfigured").toString(),
            "--format",
            "json",
            "--fail-on",
            "high");
    assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.FINDINGS);
    JsonNode report = JsonMapper.builder().build().readTree(run.out());
    assertThat(report.path("findings").values())
        .anyMatch(
            f ->
                f.path("controlId").asString().equals("KOR-0328")
                    && f.path("location")
                        .path("file")
                        .asString()
                        .equals("etc/kubernetes/manifests/kube-apiserver.yaml")
                    && f.path("refs").toString().contains("cis:1.2.6"));
    assertThat(report.path("findings").values())
        .anyMatch(
            f ->
                f.path("controlId").asString().equals("KOR-0308")
                    && f.path("message").asString().contains("mode 0755"));
    assertThat(run.out()).doesNotContain("PLACEHOLDER-NOT-A-KEY");
  }

  @Test
  void aWorkerGetsOneNotePerAbsentComponentAndNoControlPlaneFinding() throws IOException {
    CliRun run = CliRun.of("node", "--root", tree("worker").toString(), "--framework", "cis");
    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.err())
        .contains("kube-apiserver: no static pod manifest found")
        .contains("etcd: no static pod manifest found");
    assertThat(run.out()).contains("KOR-0317").doesNotContain("KOR-03" + "25");
  }

  @Test
  void exceptionsApplyAsInScan() throws IOException {
    Path exceptions = dir.resolve("accepted.yaml");
    Files.writeString(
        exceptions,
        "exceptions:\n  - control: KOR-0317\n    reason: kubeadm packages install units 0644\n",
        StandardCharsets.UTF_8);
    CliRun run =
        CliRun.of(
            "node",
            "--root",
            tree("worker").toString(),
            "--exceptions",
            exceptions.toString(),
            "--fail-on",
            "medium");
    assertThat(run.out()).contains("excepted KOR-0317");
  }

  @Test
  void theAuditPolicyTheApiServerReadsIsLintedAsByAuditPolicy() throws IOException {
    Path hardened = tree("hardened");
    CliRun clean = CliRun.of("node", "--root", hardened.toString(), "--format", "json");
    assertThat(JsonMapper.builder().build().readTree(clean.out()).path("findings").values())
        .noneMatch(f -> f.path("controlId").asString().startsWith("KOR-043"));

    Files.writeString(
        hardened.resolve("etc/kubernetes/audit-policy.yaml"),
        "apiVersion: audit.k8s.io/v1\n"
            + "kind: Policy\n"
            + "rules:\n"
            + "  - level: RequestResponse\n",
        StandardCharsets.UTF_8);
    CliRun leaky = CliRun.of("node", "--root", hardened.toString(), "--format", "json");
    JsonNode report = JsonMapper.builder().build().readTree(leaky.out());
    assertThat(report.path("findings").values())
        .filteredOn(f -> f.path("controlId").asString().startsWith("KOR-043"))
        .extracting(f -> f.path("controlId").asString())
        .contains("KOR-0432", "KOR-0433");
    assertThat(report.path("findings").values())
        .filteredOn(f -> f.path("controlId").asString().equals("KOR-0432"))
        .allMatch(
            f ->
                f.path("location")
                    .path("file")
                    .asString()
                    .equals("etc/kubernetes/audit-policy.yaml"));
  }

  @Test
  void aRootThatIsNotADirectoryIsAUsageError() {
    CliRun run = CliRun.of("node", "--root", dir.resolve("nope").toString());
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).contains("--root");
  }
}
