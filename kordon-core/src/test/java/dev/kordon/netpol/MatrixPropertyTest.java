package dev.kordon.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random clusters and policies from fixed seeds (the seed is in the test name, so a failure
 * replays): the grouped matrix agrees with the per-connection trace on every pair, and adding a
 * rule to a policy never removes a reachable pair.
 */
class MatrixPropertyTest {

  private static final String[] APPS = {"web", "db", "cache"};
  private static final String[] NAMESPACES = {"n1", "n2", "n3"};

  static Stream<Long> seeds() {
    return IntStream.range(0, 40).mapToObj(i -> 1000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void matrixAgreesWithTraceAndRulesOnlyAdd(long seed) {
    Random r = new Random(seed);
    String cluster = cluster(r);
    List<Gen> policies = new ArrayList<>();
    for (int i = 0, n = r.nextInt(5); i < n; i++) {
      policies.add(policy(r, i));
    }
    List<PortProtocol> ports =
        List.of(new PortProtocol(80, Protocol.TCP), new PortProtocol(53, Protocol.UDP));
    Reachability before = TestCluster.reach(cluster + render(policies));
    Matrix m = before.matrix(ports);
    List<PodGroup> pods = before.model().pods();
    for (int k = 0; k < ports.size(); k++) {
      long count = 0;
      for (int i = 0; i < pods.size(); i++) {
        for (int j = 0; j < pods.size(); j++) {
          boolean trace = before.allowed(pods.get(i), pods.get(j), ports.get(k));
          assertThat(m.allowed(i, j, k))
              .as("%s -> %s %s", pods.get(i), pods.get(j), ports.get(k))
              .isEqualTo(trace);
          count += trace ? 1 : 0;
        }
      }
      assertThat(m.allowedCount(k)).isEqualTo(count);
    }
    if (policies.isEmpty()) {
      return;
    }
    // one more rule in the first policy of the list: only more pairs
    policies.set(0, policies.get(0).widen(r));
    Reachability after = TestCluster.reach(cluster + render(policies));
    Matrix m2 = after.matrix(ports);
    for (int k = 0; k < ports.size(); k++) {
      for (int i = 0; i < pods.size(); i++) {
        for (int j = 0; j < pods.size(); j++) {
          if (m.allowed(i, j, k)) {
            assertThat(m2.allowed(i, j, k))
                .as("still allowed %s -> %s", pods.get(i), pods.get(j))
                .isTrue();
          }
        }
      }
    }
  }

  private static String render(List<Gen> policies) {
    StringBuilder b = new StringBuilder();
    policies.forEach(p -> b.append(p.render()));
    return b.toString();
  }

  private static String cluster(Random r) {
    StringBuilder b = new StringBuilder();
    for (String ns : NAMESPACES) {
      b.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: ")
          .append(ns)
          .append(", labels: {tier: t")
          .append(r.nextInt(2))
          .append("}}\n---\n");
    }
    // live pods with IPs, or manifests only (one group per Deployment): a snapshot is one or the
    // other
    boolean manifests = r.nextInt(3) == 0;
    int pods = 4 + r.nextInt(6);
    for (int i = 0; i < pods; i++) {
      String ns = NAMESPACES[r.nextInt(3)];
      String app = APPS[r.nextInt(3)];
      boolean template = manifests;
      String labels = "{app: " + app + (r.nextBoolean() ? ", env: prod" : "") + "}";
      String spec =
          "{hostNetwork: "
              + (r.nextInt(8) == 0)
              + ", containers: [{name: c, image: i, ports: [{name: p, containerPort: "
              + (r.nextBoolean() ? 80 : 8080)
              + "}, {name: d, containerPort: 53, protocol: UDP}]}]}";
      if (template) {
        b.append("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d")
            .append(i)
            .append(", namespace: ")
            .append(ns)
            .append("}\nspec:\n  template:\n    metadata: {labels: ")
            .append(labels)
            .append("}\n    spec: ")
            .append(spec)
            .append("\n---\n");
      } else {
        b.append("apiVersion: v1\nkind: Pod\nmetadata: {name: p")
            .append(i)
            .append(", namespace: ")
            .append(ns)
            .append(", labels: ")
            .append(labels)
            .append("}\nspec: ")
            .append(spec)
            .append("\nstatus: {podIP: 10.0.0.")
            .append(i + 1)
            .append("}\n---\n");
      }
    }
    return b.toString();
  }

  private static String selector(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return "{}";
      case 1:
        return "{matchLabels: {app: " + APPS[r.nextInt(3)] + "}}";
      case 2:
        return "{matchExpressions: [{key: env, operator: "
            + (r.nextBoolean() ? "Exists" : "DoesNotExist")
            + "}]}";
      default:
        return "{matchExpressions: [{key: app, operator: NotIn, values: ["
            + APPS[r.nextInt(3)]
            + "]}]}";
    }
  }

  private static String peer(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return "{podSelector: " + selector(r) + "}";
      case 1:
        return "{namespaceSelector: {matchLabels: {tier: t" + r.nextInt(2) + "}}}";
      case 2:
        return "{namespaceSelector: " + selector(r) + ", podSelector: " + selector(r) + "}";
      default:
        return "{ipBlock: {cidr: 10.0.0.0/"
            + (28 + r.nextInt(4))
            + ", except: [10.0.0."
            + r.nextInt(8)
            + "/32]}}";
    }
  }

  private static String ports(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return "";
      case 1:
        return ", ports: [{port: 80}]";
      case 2:
        return ", ports: [{port: p}, {port: d, protocol: UDP}]";
      default:
        return ", ports: [{protocol: UDP}, {port: 8000, endPort: 8080}]";
    }
  }

  private static String rule(Random r, String peersField) {
    if (r.nextInt(5) == 0) {
      return "{}";
    }
    return "{"
        + peersField
        + ": ["
        + peer(r)
        + (r.nextBoolean() ? ", " + peer(r) : "")
        + "]"
        + ports(r)
        + "}";
  }

  /** A generated policy; {@code types} null when policyTypes is omitted. */
  private record Gen(String header, String types, List<String> ingress, List<String> egress) {
    String render() {
      return header
          + (types == null ? "" : "  policyTypes: " + types + "\n")
          + "  ingress: ["
          + String.join(", ", ingress)
          + "]\n  egress: ["
          + String.join(", ", egress)
          + "]\n---\n";
    }

    /**
     * The policy with one more rule. With policyTypes omitted only an ingress rule is added: a
     * first egress rule would make the policy an egress policy, which can only remove pairs.
     */
    Gen widen(Random r) {
      List<String> in = new ArrayList<>(ingress);
      List<String> out = new ArrayList<>(egress);
      if (types == null || r.nextBoolean()) {
        in.add(rule(r, "from"));
      } else {
        out.add(rule(r, "to"));
      }
      return new Gen(header, types, in, out);
    }
  }

  private static Gen policy(Random r, int i) {
    String ns = NAMESPACES[r.nextInt(3)];
    String header =
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np"
            + i
            + ", namespace: "
            + ns
            + "}\nspec:\n  podSelector: "
            + selector(r)
            + "\n";
    String[] types = {null, "[Ingress]", "[Egress]", "[Ingress, Egress]"};
    List<String> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    for (int k = 0, n = r.nextInt(3); k < n; k++) {
      in.add(rule(r, "from"));
    }
    for (int k = 0, n = r.nextInt(3); k < n; k++) {
      out.add(rule(r, "to"));
    }
    return new Gen(header, types[r.nextInt(4)], in, out);
  }
}
