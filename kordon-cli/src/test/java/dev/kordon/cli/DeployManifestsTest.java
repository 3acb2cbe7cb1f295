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
            // the Helm chart in deploy/helm/kordon is rendered into Kordon's namespace
            new String[] {"scan", DEPLOY.toString(), "--fail-on", "low", "--namespace", "kordon"},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    // the accepted risks are recorded on the manifests, with their reasons, not hidden: the
    // release tag of the CronJob (KOR-0062), the host access `kordon node` needs (node-*.yaml),
    // and the webhook port open to the API server (KOR-0184)
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("no findings (48 excepted)")
        .contains("excepted KOR-0062")
        .contains("excepted KOR-0010")
        .contains("excepted KOR-0004")
        .contains("excepted KOR-0103")
        .contains("excepted KOR-0184")
        .contains("deploy/helm/kordon/templates/webhook.yaml");
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

  /**
   * The node manifests run {@code kordon node --root /host} with every host path read-only, no host
   * namespaces, and tolerate the control-plane taint so that control planes are judged too.
   */
  @Test
  void nodeManifestsMountTheHostReadOnlyAndTolerateControlPlanes() {
    for (String file : List.of("node-daemonset.yaml", "node-job.yaml")) {
      JsonNode workload =
          YamlTrees.parseAll(DEPLOY.resolve(file)).stream()
              .filter(d -> d.path("kind").asString("").matches("DaemonSet|Job"))
              .findFirst()
              .orElseThrow();
      JsonNode pod = workload.path("spec").path("template").path("spec");
      assertThat(pod.path("hostPID").asBoolean(false)).as(file).isFalse();
      assertThat(pod.path("hostNetwork").asBoolean(false)).as(file).isFalse();
      assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(file).isFalse();
      assertThat(pod.path("tolerations").values())
          .as(file)
          .anyMatch(
              t -> t.path("key").asString("").equals("node-role.kubernetes.io/control-plane"));
      List<JsonNode> containers = new java.util.ArrayList<>();
      pod.path("initContainers").values().forEach(containers::add);
      pod.path("containers").values().forEach(containers::add);
      JsonNode kordon =
          containers.stream()
              .filter(c -> c.path("name").asString("").equals("kordon"))
              .findFirst()
              .orElseThrow();
      assertThat(kordon.path("args").values())
          .extracting(JsonNode::asString)
          .as(file)
          .startsWith("node", "--root", "/host");
      assertThat(kordon.path("securityContext").path("capabilities").path("drop").values())
          .extracting(JsonNode::asString)
          .containsExactly("ALL");
      for (JsonNode m : kordon.path("volumeMounts")) {
        if (m.path("mountPath").asString("").startsWith("/host")) {
          assertThat(m.path("readOnly").asBoolean(false)).as(file + " " + m).isTrue();
        }
      }
    }
  }
}
