package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code kordon netpol ...} end to end through {@link Main#run}: output and exit codes. */
class NetpolCommandTest {

  private static final String MANIFESTS =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: db, namespace: shop}
      spec:
        template:
          metadata: {labels: {app: db}}
          spec: {containers: [{name: db, image: postgres}]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: db-from-web, namespace: shop}
      spec:
        podSelector: {matchLabels: {app: db}}
        ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}]
            ports: [{port: 5432}]
          - from: [{podSelector: {matchLabels: {app: admin}}}]
      """;

  @TempDir Path dir;
  private Path manifests;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void write() throws IOException {
    manifests = dir.resolve("k8s.yaml");
    Files.writeString(manifests, MANIFESTS);
  }

  private int run(String stdin, String... args) {
    return Main.run(
        args,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** The analyzer's answer in the report envelope: the data of its one section. */
  private JsonNode data(String text) {
    JsonNode root = JsonMapper.builder().build().readTree(text);
    assertThat(root.path("command").asString()).startsWith("netpol ");
    return root.path("sections").get(0).path("data");
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void matrixJsonCoversEveryOrderedPairForEachPort() {
    int code =
        run("", "netpol", "matrix", manifests.toString(), "--ports", "5432,80", "--format", "json");
    assertThat(code).as(err()).isZero();
    JsonNode root = data(out());
    JsonNode entries = root.path("entries");
    assertThat(entries.size()).isEqualTo(2 * 2 * 2);
    int allowed = 0;
    for (JsonNode e : entries) {
      if (e.path("from").asString().equals("shop/db")
          && e.path("to").asString().equals("shop/db")) {
        assertThat(e.path("allowed").asBoolean()).as("db replicas to each other").isFalse();
      }
      allowed += e.path("allowed").asBoolean() ? 1 : 0;
    }
    // web->web, web->db on 5432 only, db->web; web->web, db->web on 80
    assertThat(allowed).isEqualTo(3 + 2);
    assertThat(root.path("summary").path("ports").get(0).path("allowed").asInt()).isEqualTo(3);
  }

  @Test
  void matrixTableAndDot() {
    assertThat(run("", "netpol", "matrix", manifests.toString())).isZero();
    assertThat(out())
        .contains("80/TCP: 2 of 4 pairs allowed")
        .containsPattern("shop/web\\s+\\. X  0")
        .containsPattern("shop/db\\s+\\. X  1");
    out.reset();
    assertThat(run("", "netpol", "matrix", manifests.toString(), "-f", "dot")).isZero();
    assertThat(out())
        .startsWith("digraph")
        .contains("\"shop/db\" -> \"shop/web\" [label=\"80/TCP\"]");
  }

  @Test
  void matrixSummaryCountsWithoutEntries() {
    assertThat(run("", "netpol", "matrix", manifests.toString(), "--ports", "5432,80", "--summary"))
        .isZero();
    assertThat(out())
        .isEqualTo(
            "5432/TCP: 3 of 4 pairs allowed (2 pods in 2 classes)\n"
                + "80/TCP: 2 of 4 pairs allowed (2 pods in 2 classes)\n");
  }

  @Test
  void explainExitsZeroWhenAllowedAndOneWhenDenied() {
    assertThat(
            run(
                "",
                "netpol",
                "explain",
                "shop/web",
                "shop/db",
                "--port",
                "5432",
                manifests.toString()))
        .isZero();
    assertThat(out())
        .contains("ALLOWED")
        .contains("policy shop/db-from-web: allowed by ingress[0]");
    out.reset();
    assertThat(
            run(
                "",
                "netpol",
                "explain",
                "shop/web-7c9d-x2k",
                "shop/db",
                "--port",
                "80",
                "--format",
                "json",
                manifests.toString()))
        .isEqualTo(1);
    JsonNode v = data(out());
    assertThat(v.path("allowed").asBoolean()).isFalse();
    assertThat(v.path("ingress").path("status").asString()).isEqualTo("denied");
    assertThat(v.path("egress").path("status").asString()).isEqualTo("not_isolated");
  }

  @Test
  void explainResolvesNamedPortsAndRejectsUnknownPods() {
    assertThat(
            run(
                "",
                "netpol",
                "explain",
                "shop/db",
                "shop/web",
                "--port",
                "http",
                manifests.toString()))
        .isZero();
    assertThat(out()).contains("shop/db -> shop/web 8080/TCP: ALLOWED");
    assertThat(
            run(
                "",
                "netpol",
                "explain",
                "shop/nope",
                "shop/web",
                "--port",
                "80",
                manifests.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("shop/nope: no such pod or workload");
  }

  @Test
  void coverageListsGapsAndFailsOnlyWhenAsked() {
    assertThat(run("", "netpol", "coverage", manifests.toString())).isZero();
    assertThat(out())
        .contains("Pods selected by no ingress policy: 1\n  shop/web (Deployment)")
        .contains("shop: no default deny for ingress or egress")
        .contains("Pods that can reach 169.254.169.254 (TCP/80): 2");
    assertThat(run("", "netpol", "coverage", "--fail-on-gaps", "-f", "json", manifests.toString()))
        .isEqualTo(1);
  }

  @Test
  void coverageSaysWhyAPolicyOfHostNetworkPodsHasNoEffect() throws IOException {
    Path agents = dir.resolve("agents.yaml");
    Files.writeString(
        agents,
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: node-exporter, namespace: monitoring}
        spec:
          template:
            metadata: {labels: {app: node-exporter}}
            spec:
              hostNetwork: true
              containers: [{name: exporter, image: prom/node-exporter}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: exporter-ingress, namespace: monitoring}
        spec:
          podSelector: {matchLabels: {app: node-exporter}}
          ingress: [{from: [{namespaceSelector: {}}]}]
        """);
    assertThat(run("", "netpol", "coverage", agents.toString())).isZero();
    assertThat(out())
        .contains(
            "Policies without effect: 1\n  monitoring/exporter-ingress: selects only pods on the"
                + " host network (monitoring/node-exporter), which NetworkPolicies do not apply"
                + " to");
    out.reset();
    assertThat(run("", "netpol", "coverage", "-f", "json", agents.toString())).isZero();
    JsonNode noEffect =
        JsonMapper.builder().build().readTree(out()).at("/sections/0/data/policiesWithoutEffect/0");
    assertThat(noEffect.get("policy").asString()).isEqualTo("monitoring/exporter-ingress");
    assertThat(noEffect.get("onlyHostNetwork").asBoolean()).isTrue();
  }

  @Test
  void flowsReportDeniedAndUnusedRulesWithExitCodes() throws IOException {
    Path flows = dir.resolve("flows.csv");
    Files.writeString(flows, "src,dst,port,protocol\nshop/web,shop/db,5432,TCP\n");
    assertThat(run("", "netpol", "flows", flows.toString(), manifests.toString()))
        .as(err())
        .isZero();
    assertThat(out())
        .contains("1 distinct flows, 0 would be denied")
        .contains("shop/db-from-web ingress[1]");
    out.reset();
    String jsonl = "{\"src\": \"shop/db\", \"dst\": \"shop/db\", \"port\": 5432}\n";
    assertThat(run(jsonl, "netpol", "flows", "-", manifests.toString(), "-f", "json")).isEqualTo(1);
    assertThat(out()).contains("\"denied\"").contains("\"status\" : \"denied\"");
  }

  @Test
  void unreadableFlowLinesAndMissingFilesExitTwo() throws IOException {
    Path flows = dir.resolve("flows.jsonl");
    Files.writeString(
        flows, "{\"src\": \"shop/web\", \"dst\": \"shop/db\", \"port\": 5432}\n{oops\n");
    assertThat(run("", "netpol", "flows", flows.toString(), manifests.toString())).isEqualTo(2);
    assertThat(err()).contains("flows.jsonl:2:");
    assertThat(out()).contains("1 distinct flows");
    assertThat(run("", "netpol", "flows", dir.resolve("none").toString(), manifests.toString()))
        .isEqualTo(2);
    assertThat(run("", "netpol", "flows")).isEqualTo(2);
    assertThat(err()).contains("missing FLOWS");
  }

  @Test
  void suggestWritesPoliciesThatAdmitTheObservedFlows() throws IOException {
    Path flows = dir.resolve("flows.csv");
    Files.writeString(flows, "shop/web-5d8f-abc,shop/db,5432,TCP\n");
    assertThat(run("", "netpol", "suggest", flows.toString(), manifests.toString()))
        .as(err())
        .isZero();
    String yaml = out();
    assertThat(yaml).contains("name: default-deny").contains("name: allow-observed-db");
    // apply the suggestion instead of the old policy: the observed flow passes, the rest does not
    Path suggested = dir.resolve("suggested.yaml");
    Files.writeString(suggested, yaml);
    Path workloads = dir.resolve("workloads.yaml");
    Files.writeString(
        workloads, MANIFESTS.substring(0, MANIFESTS.indexOf("---\napiVersion: networking")));
    out.reset();
    assertThat(
            run(
                "",
                "netpol",
                "matrix",
                workloads.toString(),
                suggested.toString(),
                "--ports",
                "5432",
                "-f",
                "json"))
        .isZero();
    JsonNode root = data(out());
    for (JsonNode e : root.path("entries")) {
      boolean expected =
          e.path("from").asString().equals("shop/web") && e.path("to").asString().equals("shop/db");
      assertThat(e.path("allowed").asBoolean()).as(e.toString()).isEqualTo(expected);
    }
  }

  @Test
  void helpHasExamplesAndMissingSubcommandIsUsageError() {
    assertThat(run("", "netpol", "--help")).isZero();
    assertThat(out()).contains("Examples:").contains("kordon netpol matrix k8s/");
    out.reset();
    assertThat(run("", "netpol", "explain", "--help")).isZero();
    assertThat(out()).contains("Exit codes: 0 allowed, 1 denied");
    assertThat(run("", "netpol")).isEqualTo(2);
    assertThat(run("", "netpol", "matrix")).isEqualTo(2);
    assertThat(err()).contains("nothing to read");
    assertThat(run("", "netpol", "matrix", manifests.toString(), "--protocols", "ICMP"))
        .isEqualTo(2);
  }
}
