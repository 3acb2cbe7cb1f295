package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --default-namespace}: where objects without a namespace are, for every command. */
class DefaultNamespaceOptionTest {

  private static final String UNPLACED =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "nginx:1.27"}]}
      """;

  private static JsonNode findings(CliRun run) {
    return JsonMapper.builder().build().readTree(run.out()).path("findings");
  }

  @Test
  void unplacedObjectsAreInTheNamedNamespaceElseInDefault() {
    CliRun shop =
        CliRun.withStdin(UNPLACED, "scan", "-", "--format", "json", "--default-namespace", "shop");
    assertThat(shop.code()).isZero();
    assertThat(findings(shop)).isNotEmpty();
    for (JsonNode f : findings(shop)) {
      assertThat(f.path("resource").path("namespace").asString()).isEqualTo("shop");
    }
    CliRun plain = CliRun.withStdin(UNPLACED, "scan", "-", "--format", "json");
    for (JsonNode f : findings(plain)) {
      assertThat(f.path("resource").path("namespace").asString()).isEqualTo("default");
    }
  }

  @Test
  void reachabilityUsesTheSameNamespace() {
    CliRun run = CliRun.withStdin(UNPLACED, "netpol", "matrix", "-", "--default-namespace", "shop");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("shop/web").doesNotContain("default/web");
  }

  @Test
  void aNameThatIsNoNamespaceIsABadUsage() {
    CliRun run = CliRun.withStdin(UNPLACED, "scan", "-", "--default-namespace", "Not_A_Namespace");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--default-namespace").contains("not a namespace name");
  }
}
