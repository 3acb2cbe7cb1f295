package dev.kordon.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table row per semantic rule of {@code networking.k8s.io/v1}, over the cluster of {@link
 * TestCluster#BASE}. Each probe is {@code FROM TO PORT/PROTO ok|no}; every row has probes on both
 * sides of the rule, so that a rule read wrongly in either direction fails.
 */
class NetpolSemanticsTest {

  record Case(String name, String policies, List<String> probes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case c(String name, String policies, String... probes) {
    return new Case(name, policies, List.of(probes));
  }

  private static String policy(String ns, String name, String spec) {
    return "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: "
        + name
        + ", namespace: "
        + ns
        + "}\nspec:\n"
        + spec.indent(2);
  }

  static Stream<Case> cases() {
    return Stream.of(
        c(
            "no policy: every pod reaches every pod",
            "",
            "b/client a/web 80/TCP ok",
            "a/web c/tool 1/UDP ok",
            "c/tool b/web 9/SCTP ok"),
        c(
            "podSelector alone: pods of the policy's namespace only",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: db}}\ningress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]"),
            "a/web a/db 5432/TCP ok",
            "b/web a/db 5432/TCP no",
            "b/client a/db 5432/TCP no"),
        c(
            "namespaceSelector alone: every pod of the matching namespaces",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: db}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}]}]"),
            "b/client a/db 5432/TCP ok",
            "b/web a/db 5432/TCP ok",
            "a/web a/db 5432/TCP no",
            "c/tool a/db 5432/TCP no"),
        c(
            "both selectors in one peer: AND",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {team: b}}\n    podSelector: {matchLabels: {app: web}}"),
            "b/web a/db 5432/TCP ok",
            "b/client a/db 5432/TCP no",
            "a/web a/db 5432/TCP no"),
        c(
            "selectors in two peers: OR",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {team: b}}\n  - podSelector: {matchLabels: {app: web}}"),
            "b/web a/db 5432/TCP ok",
            "b/client a/db 5432/TCP ok",
            "a/web a/db 5432/TCP ok",
            "c/tool a/db 5432/TCP no"),
        c(
            "empty namespaceSelector: all namespaces, including one without a Namespace object",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: db}}\ningress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}]}]"),
            "b/web a/db 5432/TCP ok",
            "a/web a/db 5432/TCP ok",
            "b/client a/db 5432/TCP no"),
        c(
            "namespace without a Namespace object has only the name label",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: c}}}]\n- from: [{namespaceSelector: {matchExpressions: [{key: team, operator: DoesNotExist}]}}]\n  ports: [{port: 1}]"),
            "c/tool a/db 5432/TCP ok",
            "c/tool a/db 1/TCP ok",
            "b/web a/db 1/TCP no",
            "b/web a/db 5432/TCP no"),
        c(
            "matchExpressions In",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: db}}\ningress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: In, values: [client, x]}]}}]}]"),
            "b/client a/db 5432/TCP ok",
            "b/web a/db 5432/TCP no"),
        c(
            "matchExpressions NotIn also matches pods without the key",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: db}}\ningress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [web]}]}}]}]"),
            "b/client a/db 5432/TCP ok",
            "c/tool a/db 5432/TCP ok",
            "b/web a/db 5432/TCP no",
            "a/web a/db 5432/TCP no"),
        c(
            "matchExpressions Exists and DoesNotExist on the selected pods",
            policy(
                    "a",
                    "deny-tiered",
                    "podSelector: {matchExpressions: [{key: tier, operator: Exists}]}\npolicyTypes: [Ingress]")
                + "---\n"
                + policy(
                    "b",
                    "deny-unlabelled-env",
                    "podSelector: {matchExpressions: [{key: env, operator: DoesNotExist}]}\npolicyTypes: [Ingress]"),
            "a/db a/web 8080/TCP no",
            "a/web a/db 5432/TCP ok",
            "a/web b/web 80/TCP no",
            "a/web b/client 80/TCP no"),
        c(
            "ingress: [] denies every source; a rule {} allows every source",
            policy("a", "deny", "podSelector: {matchLabels: {app: db}}\ningress: []")
                + "---\n"
                + policy("b", "allow", "podSelector: {}\ningress: [{}]"),
            "a/web a/db 5432/TCP no",
            "a/web b/web 80/TCP ok",
            "c/tool b/client 7/UDP ok"),
        c(
            "policyTypes [Ingress] without an ingress field denies every source",
            policy("a", "deny", "podSelector: {matchLabels: {app: db}}\npolicyTypes: [Ingress]"),
            "a/web a/db 5432/TCP no",
            "a/db a/web 8080/TCP ok"),
        c(
            "from: [] and missing from both allow every source; ports: [] every port",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from: []\n  ports: [{port: 5432}]\n- ports: []\n  from: [{podSelector: {matchLabels: {app: web}}}]"),
            "b/client a/db 5432/TCP ok",
            "b/client a/db 5433/TCP no",
            "a/web a/db 1/UDP ok"),
        c(
            "policyTypes omitted: egress rules make it an egress policy too",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: web}}\negress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]"),
            "a/web a/db 5432/TCP ok",
            "a/web b/web 80/TCP no",
            "b/web a/web 8080/TCP no"),
        c(
            "policyTypes omitted with egress: [] is an ingress-only policy",
            policy("a", "p", "podSelector: {matchLabels: {app: web}}\ningress: [{}]\negress: []"),
            "a/web b/web 80/TCP ok",
            "b/web a/web 8080/TCP ok"),
        c(
            "policyTypes [Egress] only: ingress stays unrestricted",
            policy("a", "p", "podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]"),
            "a/web b/web 80/TCP no",
            "b/web a/web 8080/TCP ok"),
        c(
            "additive: the union of the rules of every selecting policy",
            policy(
                    "a",
                    "p1",
                    "podSelector: {matchLabels: {app: db}}\ningress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]")
                + "---\n"
                + policy(
                    "a",
                    "p2",
                    "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: client}}}]}]"),
            "a/web a/db 5432/TCP ok",
            "b/client a/db 5432/TCP ok",
            "b/web a/db 5432/TCP no",
            "b/client a/web 8080/TCP ok"),
        c(
            "ingress and egress both required between pods",
            policy("a", "allow-in", "podSelector: {matchLabels: {app: db}}\ningress: [{}]")
                + "---\n"
                + policy(
                    "b",
                    "client-egress",
                    "podSelector: {matchLabels: {app: client}}\npolicyTypes: [Egress]\negress: [{to: [{namespaceSelector: {matchLabels: {team: a}}, podSelector: {matchLabels: {app: web}}}]}]"),
            "b/client a/web 8080/TCP ok",
            "b/client a/db 5432/TCP no",
            "b/web a/db 5432/TCP ok"),
        c(
            "named port: resolved against the destination's container ports and protocol",
            policy(
                "a",
                "p",
                "podSelector: {}\ningress: [{ports: [{port: http}, {port: dns, protocol: UDP}]}]"),
            "b/client a/web 8080/TCP ok",
            "b/client a/db 5432/TCP ok",
            "b/client a/web 5432/TCP no",
            "b/client a/web 53/UDP ok",
            "b/client a/web 53/TCP no"),
        c(
            "named port in egress: the destination declares it or nothing matches",
            policy(
                "b",
                "p",
                "podSelector: {matchLabels: {app: client}}\npolicyTypes: [Egress]\negress: [{ports: [{port: http}]}]"),
            "b/client a/web 8080/TCP ok",
            "b/client a/db 5432/TCP ok",
            "b/client b/web 8080/TCP no",
            "b/client ip:8.8.8.8 8080/TCP no"),
        c(
            "endPort: an inclusive range",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: db}}\ningress: [{ports: [{port: 5000, endPort: 5432}]}]"),
            "b/client a/db 5000/TCP ok",
            "b/client a/db 5432/TCP ok",
            "b/client a/db 5433/TCP no",
            "b/client a/db 4999/TCP no"),
        c(
            "protocols: TCP default, UDP and SCTP, protocol-only ports",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{port: 53}, {protocol: UDP, port: 53}, {protocol: SCTP}]}]"),
            "b/client a/web 53/TCP ok",
            "b/client a/web 53/UDP ok",
            "b/client a/web 9000/SCTP ok",
            "b/client a/web 54/UDP no",
            "b/client a/web 54/TCP no"),
        c(
            "unknown protocol matches nothing",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{protocol: ICMP}]}]"),
            "b/client a/web 80/TCP no",
            "b/client a/web 80/UDP no"),
        c(
            "ipBlock with except, matching pod IPs and outside addresses",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: db}}\ningress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.2.0.2/32]}}]}]"),
            "b/client a/db 5432/TCP ok",
            "b/web a/db 5432/TCP no",
            "ip:10.9.9.9 a/db 5432/TCP ok",
            "ip:11.0.0.1 a/db 5432/TCP no"),
        c(
            "ipBlock in egress, IPv6 never inside an IPv4 block",
            policy(
                "a",
                "p",
                "podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]}]"),
            "a/web ip:1.1.1.1 443/TCP ok",
            "a/web ip:169.254.169.254 80/TCP no",
            "a/web ip:2001:db8::1 443/TCP no",
            "a/web b/client 80/TCP ok"),
        c(
            "a pod with no policy for a direction is unrestricted in it",
            policy("a", "deny-in", "podSelector: {}\npolicyTypes: [Ingress]"),
            "a/web b/web 80/TCP ok",
            "a/web ip:8.8.8.8 53/UDP ok",
            "b/web a/web 8080/TCP no"),
        c(
            "hostNetwork pods: not selected, not matched by selectors",
            policy("a", "deny-all", "podSelector: {}\npolicyTypes: [Ingress, Egress]")
                + "---\n"
                + policy(
                    "b",
                    "from-a",
                    "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: a}}}]}]"),
            "a/node-agent b/client 80/TCP no",
            "a/node-agent ip:8.8.8.8 80/TCP ok",
            "b/client a/node-agent 80/TCP ok"),
        c(
            "a pod always reaches itself",
            policy("a", "deny-all", "podSelector: {}\npolicyTypes: [Ingress, Egress]"),
            "a/web a/web 8080/TCP ok",
            "a/web a/db 5432/TCP no"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rule(Case c) {
    Reachability reach = TestCluster.withBase(c.policies());
    List<String> wrong = new ArrayList<>();
    Matrix matrix = null;
    for (String probe : c.probes()) {
      String[] parts = probe.trim().split("\\s+");
      boolean expected = parts[3].equals("ok");
      Verdict v = TestCluster.verdict(reach, probe);
      if (v.allowed() != expected) {
        wrong.add(probe + " but got:\n" + v);
      }
      if (v.from() instanceof PodGroup && v.to() instanceof PodGroup) {
        matrix = reach.matrix(List.of(new PortProtocol(v.port(), v.protocol())));
        int i = reach.model().pods().indexOf(v.from());
        int j = reach.model().pods().indexOf(v.to());
        if (matrix.allowed(i, j, 0) != expected) {
          wrong.add(probe + " but the matrix disagrees");
        }
      }
    }
    assertThat(reach.model().warnings()).isEmpty();
    assertThat(wrong).isEmpty();
  }
}
