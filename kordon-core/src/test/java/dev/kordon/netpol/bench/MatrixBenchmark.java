package dev.kordon.netpol.bench;

import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.netpol.Matrix;
import dev.kordon.netpol.PodGroup;
import dev.kordon.netpol.PolicyModel;
import dev.kordon.netpol.PortProtocol;
import dev.kordon.netpol.Protocol;
import dev.kordon.netpol.Reachability;
import dev.kordon.report.JsonOutput;
import dev.kordon.snapshot.Snapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reachability matrix of a large synthetic cluster: 10,000 live pods in 200 namespaces, 1,000
 * NetworkPolicies (five per namespace: default deny, front from anywhere in the cluster, data from
 * back, DNS egress to kube-system, monitoring scrapes). Prints the time of each phase, the matrix
 * summary, and the peak heap; checks 20,000 random cells against the per-connection trace.
 *
 * <p>Run by {@code bench/netpol-matrix.sh}; never by the tests. Argument {@code unique} gives every
 * pod a label of its own (a StatefulSet pod-name label), the worst case for grouping.
 */
public final class MatrixBenchmark {

  private static final int NAMESPACES = 200;
  private static final int APPS = 10;
  private static final int REPLICAS = 5;
  private static final String[] TIERS = {"front", "back", "data"};

  private MatrixBenchmark() {}

  public static void main(String[] args) {
    boolean unique = args.length > 0 && args[0].equals("unique");
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long t0 = System.nanoTime();
    List<KubeObject> objects = cluster(unique);
    long t1 = System.nanoTime();
    Snapshot snapshot = Snapshot.of(objects);
    PolicyModel model = PolicyModel.of(snapshot);
    Reachability reach = Reachability.of(snapshot);
    long t2 = System.nanoTime();
    Matrix m = reach.matrix(List.of(new PortProtocol(80, Protocol.TCP)));
    long allowed = m.allowedCount(0);
    long t3 = System.nanoTime();
    int checked = verify(reach, m);
    long t4 = System.nanoTime();

    System.out.printf(
        Locale.ROOT,
        "pods %d, namespaces %d, policies %d, pod classes %d%n",
        model.pods().size(),
        model.namespaces().size(),
        model.policies().size(),
        m.classCount());
    System.out.printf(
        Locale.ROOT,
        "80/TCP: %d of %d ordered pairs allowed (%.2f%%)%n",
        allowed,
        m.pairCount(),
        100.0 * allowed / m.pairCount());
    System.out.printf(Locale.ROOT, "generate objects   %7.0f ms%n", (t1 - t0) / 1e6);
    System.out.printf(Locale.ROOT, "snapshot + model   %7.0f ms%n", (t2 - t1) / 1e6);
    System.out.printf(Locale.ROOT, "matrix + summary   %7.0f ms%n", (t3 - t2) / 1e6);
    System.out.printf(
        Locale.ROOT, "verify %d cells   %7.0f ms (all agree)%n", checked, (t4 - t3) / 1e6);
    System.out.printf(Locale.ROOT, "model+matrix wall  %7.0f ms%n", (t3 - t1) / 1e6);
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        Locale.ROOT, "peak heap (sum of heap pool peaks) %.0f MB%n", peak / (1024.0 * 1024.0));
  }

  /** Random cells of the matrix against Reachability.check, so a fast wrong answer shows. */
  private static int verify(Reachability reach, Matrix m) {
    Random r = new Random(42);
    List<PodGroup> pods = m.pods();
    int n = 20_000;
    for (int k = 0; k < n; k++) {
      int i = r.nextInt(pods.size());
      // half the samples in the same namespace, where most policies act
      int j = r.nextBoolean() ? r.nextInt(pods.size()) : (i / 50) * 50 + r.nextInt(50);
      boolean trace = reach.allowed(pods.get(i), pods.get(j), m.ports().get(0));
      if (trace != m.allowed(i, j, 0)) {
        throw new AssertionError(
            "matrix and trace disagree on " + pods.get(i) + " -> " + pods.get(j));
      }
    }
    return n;
  }

  static List<KubeObject> cluster(boolean unique) {
    Origin origin = new Origin.Request("benchmark");
    List<KubeObject> out = new ArrayList<>();
    int ip = 0;
    for (int n = 0; n < NAMESPACES; n++) {
      String ns = n == 0 ? "kube-system" : n == 1 ? "monitoring" : "team-" + n;
      ObjectNode nsObj = JsonOutput.object().put("apiVersion", "v1").put("kind", "Namespace");
      nsObj
          .putObject("metadata")
          .put("name", ns)
          .putObject("labels")
          .put("env", n % 3 == 0 ? "prod" : "dev");
      out.add(KubeObject.of(nsObj, origin));
      for (int a = 0; a < APPS; a++) {
        String tier = TIERS[a % 3];
        for (int r = 0; r < REPLICAS; r++) {
          ObjectNode pod = JsonOutput.object().put("apiVersion", "v1").put("kind", "Pod");
          ObjectNode meta =
              pod.putObject("metadata").put("name", "app" + a + "-" + r).put("namespace", ns);
          ObjectNode labels = meta.putObject("labels");
          labels.put("app", "app" + a).put("tier", tier).put("pod-template-hash", "h" + a);
          if (unique) {
            labels.put("statefulset.kubernetes.io/pod-name", "app" + a + "-" + r);
          }
          ArrayNode ports =
              pod.putObject("spec")
                  .putArray("containers")
                  .addObject()
                  .put("name", "c")
                  .putArray("ports");
          ports.addObject().put("name", "http").put("containerPort", 80 + (a % 2) * 8000);
          ports.addObject().put("name", "metrics").put("containerPort", 9090);
          ip++;
          pod.putObject("status")
              .put("phase", "Running")
              .put("podIP", "10." + (ip >> 16) + "." + ((ip >> 8) & 255) + "." + (ip & 255));
          out.add(KubeObject.of(pod, origin));
        }
      }
      out.addAll(policies(ns, origin));
    }
    return out;
  }

  private static List<KubeObject> policies(String ns, Origin origin) {
    String[] yaml = {
      "{podSelector: {}, policyTypes: [Ingress, Egress]}",
      "{podSelector: {matchLabels: {tier: front}}, ingress: [{from: [{namespaceSelector: {}}],"
          + " ports: [{port: http}]}, {from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]}],"
          + " egress: [{to: [{podSelector: {matchLabels: {tier: back}}}]},"
          + " {to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}], ports: [{port: 443}]}]}",
      "{podSelector: {matchLabels: {tier: data}}, policyTypes: [Ingress],"
          + " ingress: [{from: [{podSelector: {matchExpressions: [{key: tier, operator: In, values: [back]}]}}],"
          + " ports: [{port: 5432}, {port: 80, endPort: 90}]}]}",
      "{podSelector: {}, policyTypes: [Egress], egress: [{to: [{namespaceSelector: {matchLabels:"
          + " {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {app: app0}}}],"
          + " ports: [{port: 53, protocol: UDP}, {port: 53}]}]}",
      "{podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [data]}]},"
          + " ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}],"
          + " ports: [{port: metrics}]}, {from: [{namespaceSelector: {matchLabels: {env: prod}},"
          + " podSelector: {matchLabels: {tier: front}}}]}]}"
    };
    String[] names = {"default-deny", "front", "data", "dns", "monitoring"};
    List<KubeObject> out = new ArrayList<>();
    for (int i = 0; i < yaml.length; i++) {
      ObjectNode p =
          JsonOutput.object()
              .put("apiVersion", "networking.k8s.io/v1")
              .put("kind", "NetworkPolicy");
      p.putObject("metadata").put("name", names[i]).put("namespace", ns);
      p.set("spec", dev.kordon.source.YamlTrees.parse("policy", yaml[i]));
      out.add(KubeObject.of(p, origin));
    }
    return out;
  }
}
