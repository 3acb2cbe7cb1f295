package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.cluster.ResourceKind;
import dev.kordon.source.YamlTrees;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The manifests that run Kordon in a cluster pass Kordon, and grant only what it reads. */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("..", "deploy");

  @Test
  void kordonScanOfDeployHasNoFailingFindingAtAnySeverity() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"scan", DEPLOY.toString(), "--fail-on", "low"},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    // the one accepted risk is recorded on the manifest, with its reason, not hidden
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("no findings (1 excepted)")
        .contains("excepted KOR-0062");
  }

  @Test
  void clusterRoleListsExactlyWhatTheClusterSourceReadsAndNoSecrets() {
    JsonNode role =
        YamlTrees.parseAll(DEPLOY.resolve("rbac.yaml")).stream()
            .filter(d -> d.path("kind").asString("").equals("ClusterRole"))
            .findFirst()
            .orElseThrow();
    Set<String> granted = new HashSet<>();
    for (JsonNode rule : role.path("rules")) {
      assertThat(rule.path("verbs").values())
          .extracting(JsonNode::asString)
          .as("read-only verbs")
          .isSubsetOf(List.of("get", "list"));
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          granted.add(group.asString() + "/" + resource.asString());
        }
      }
    }
    Set<String> read = new HashSet<>();
    for (ResourceKind k : ResourceKind.SCANNED) {
      if (!k.metadataOnly()) {
        read.add(k.group() + "/" + k.resource());
      }
    }
    assertThat(granted).doesNotContain("*/*", "/*", "/secrets", "/nodes/proxy");
    assertThat(granted).noneMatch(g -> g.contains("*"));
    assertThat(granted).containsExactlyInAnyOrderElementsOf(read);
  }
}
