package dev.kordon.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flow files, flows against policies, and policies suggested from flows. */
class FlowsTest {

  private static final String POLICIES =
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: db-in, namespace: a}
      spec:
        podSelector: {matchLabels: {app: db}}
        ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}]
            ports: [{port: 5432}]
          - from: [{namespaceSelector: {matchLabels: {team: b}}}]
      """;

  @Test
  void readsJsonLinesAndCsvWithAndWithoutHeader() {
    FlowReader reader = new FlowReader();
    FlowReader.Result json =
        reader.read(
            "f.jsonl",
            """
            {"src": "a/web", "dst": "a/db", "port": 5432, "protocol": "TCP"}
            {"source": "10.2.0.1", "destination": "a/db", "dport": 53, "proto": "udp"}
            {"src": "a/web", "dst": "a/db"}
            not json
            """);
    assertThat(json.flows())
        .containsExactly(
            new Flow("a/web", "a/db", 5432, Protocol.TCP, 1),
            new Flow("10.2.0.1", "a/db", 53, Protocol.UDP, 2));
    assertThat(json.problems()).hasSize(2);
    assertThat(json.problems().get(0)).startsWith("f.jsonl:3: needs a source");

    FlowReader.Result headed =
        reader.read("f.csv", "protocol,dst,src,port\nSCTP,a/db,a/web,9\n\"TCP\",a/db,b/web,x\n");
    assertThat(headed.flows()).containsExactly(new Flow("a/web", "a/db", 9, Protocol.SCTP, 2));
    assertThat(headed.problems()).containsExactly("f.csv:3: port is not a number");

    FlowReader.Result bare = reader.read("f.csv", "a/web,a/db,80\r\nb/web,a/db,81,ICMP\n");
    assertThat(bare.flows()).containsExactly(new Flow("a/web", "a/db", 80, Protocol.TCP, 1));
    assertThat(bare.problems()).containsExactly("f.csv:2: unknown protocol (TCP, UDP, SCTP)");
  }

  @Test
  void hostileFlowFilesAreCappedAndNeverResolveNames() {
    String longLine = "a/web,a/db,80," + "x".repeat(5000);
    StringBuilder bad = new StringBuilder(longLine).append('\n');
    for (int i = 0; i < 150; i++) {
      bad.append("{\"src\": 1}\n");
    }
    bad.append("a/web,a/db,80,TCP\n");
    FlowReader.Result r = new FlowReader().read("f", bad.toString());
    assertThat(r.flows()).hasSize(1);
    assertThat(r.problems()).hasSize(101);
    assertThat(r.problems().get(0)).isEqualTo("f:1: line longer than 4096 characters");
    assertThat(r.problems().get(100)).isEqualTo("f: 51 more unreadable lines");
    // a host name is no endpoint: nothing is looked up
    PolicyModel model = PolicyModel.build(TestCluster.snapshot(TestCluster.BASE));
    assertThat(model.resolve("localhost")).isEmpty();
    assertThat(model.resolve("ip:metadata.google.internal")).isEmpty();
    assertThat(IpAddress.parse("1.2.3")).isEmpty();
    assertThat(IpAddress.parse("::1")).map(IpAddress::toString).contains("0:0:0:0:0:0:0:1");
  }

  @Test
  void reportsDeniedFlowsUnresolvedEndsAndUnusedRules() {
    Reachability reach = TestCluster.withBase(POLICIES);
    List<Flow> flows =
        new FlowReader()
            .read(
                "f.csv",
                """
                a/web,a/db,5432,TCP
                a/web,a/db,5432,TCP
                c/tool,a/db,5432,TCP
                a/ghost,a/db,5432,TCP
                """)
            .flows();
    FlowReport report = FlowReport.of(reach, flows);
    assertThat(report.flows()).isEqualTo(3);
    assertThat(report.denied()).extracting(v -> v.from().id()).containsExactly("c/tool");
    assertThat(report.unresolved())
        .extracting(FlowReport.Unresolved::endpoint)
        .containsExactly("a/ghost");
    assertThat(report.unusedRules())
        .extracting(m -> m.policy().name() + " " + m.rule().label())
        .containsExactly("db-in ingress[1]");
  }

  @Test
  void suggestedPoliciesAllowExactlyTheObservedFlows() {
    List<Flow> flows =
        new FlowReader()
            .read(
                "f.csv",
                """
                b/client,a/web,8080,TCP
                a/web,a/db,5432,TCP
                a/web,ip:1.2.3.4,443,TCP
                ip:8.8.4.4,a/web,53,UDP
                c/tool,a/web,8080,TCP
                a/node-agent,a/web,8080,TCP
                """)
            .flows();
    Snapshot base = TestCluster.snapshot(TestCluster.BASE);
    PolicySuggester.Suggestion s = new PolicySuggester().suggest(PolicyModel.of(base), flows);
    String yaml = s.toYaml();
    assertThat(yaml).contains("name: default-deny").contains("name: allow-observed-web");
    assertThat(s.notes())
        .anyMatch(n -> n.contains("c/tool has no labels"))
        .anyMatch(n -> n.contains("a/node-agent uses the host network"));

    // apply the suggestion to the same pods, read back as a user would apply it
    var read = new ManifestReader().read("suggested.yaml", yaml);
    assertThat(read.problems()).isEmpty();
    List<dev.kordon.model.KubeObject> objects = new ArrayList<>(base.objects());
    objects.addAll(read.objects());
    Reachability after = new Reachability(PolicyModel.build(Snapshot.of(objects)));
    assertThat(after.model().policies()).hasSize(3 + 3);
    for (String ok :
        List.of(
            "b/client a/web 8080/TCP",
            "a/web a/db 5432/TCP",
            "a/web ip:1.2.3.4 443/TCP",
            "ip:8.8.4.4 a/web 53/UDP")) {
      assertThat(TestCluster.allowed(after, ok)).as(ok).isTrue();
    }
    for (String no :
        List.of(
            "b/client a/web 8081/TCP",
            "b/client a/db 5432/TCP",
            "a/web ip:1.2.3.5 443/TCP",
            "a/db a/web 8080/TCP",
            "b/web a/web 8080/TCP",
            "a/web b/client 8080/TCP",
            "c/tool b/web 80/TCP")) {
      assertThat(TestCluster.allowed(after, no)).as(no).isFalse();
    }
  }

  @Test
  void coverageFindsUnprotectedPodsOpenRulesAndMetadataReach() {
    Reachability reach =
        TestCluster.withBase(
            POLICIES
                + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: b}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: open, namespace: b}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}, {}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: stale, namespace: a}
                spec: {podSelector: {matchLabels: {app: gone}}}
                """);
    Coverage c = Coverage.of(reach);
    assertThat(c.noIngressPolicy())
        .extracting(PodGroup::id)
        .containsExactly("a/web", "c/tool", "a/node-agent");
    assertThat(c.noEgressPolicy())
        .extracting(PodGroup::id)
        .containsExactly("a/web", "a/db", "c/tool", "a/node-agent");
    assertThat(c.namespaces())
        .containsExactly(
            new Coverage.NamespaceDefaults("a", true, false, false),
            new Coverage.NamespaceDefaults("b", true, true, true),
            new Coverage.NamespaceDefaults("c", false, false, false));
    assertThat(c.selectingNoPod()).extracting(Policy::name).containsExactly("stale");
    assertThat(c.openRules())
        .extracting(r -> r.policy().name() + " " + r.pointer())
        .containsExactly("open /spec/ingress/0/from/0/ipBlock/cidr", "open /spec/ingress/1");
    assertThat(c.metadataReachable())
        .extracting(PodGroup::id)
        .containsExactly("a/web", "a/db", "c/tool", "a/node-agent");
  }
}
