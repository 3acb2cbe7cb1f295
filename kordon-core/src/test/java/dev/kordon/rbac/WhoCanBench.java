package dev.kordon.rbac;

import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures who-can over a folder of manifests: load (read + parse), graph build, and per-query time
 * over a fixed mix of questions. Run by {@code bench/rbac-who-can.sh}; not a test.
 */
public final class WhoCanBench {
  private WhoCanBench() {}

  public static void main(String[] args) {
    String folder = args.length > 0 ? args[0] : "../shared/corpora/real-world";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;

    long t0 = System.nanoTime();
    ReadResult read = new FileSource().read(List.of(folder), InputStream.nullInputStream());
    Snapshot snapshot = Snapshot.of(read.objects());
    long t1 = System.nanoTime();
    RbacGraph graph = RbacGraph.of(snapshot);
    long t2 = System.nanoTime();

    List<Request.Resource> questions = new ArrayList<>();
    for (String verb : List.of("get", "list", "create", "update", "delete", "watch")) {
      for (String res :
          List.of("secrets", "pods", "pods/exec", "nodes/proxy", "configmaps", "deployments")) {
        String group =
            graph.defaultGroup(res.contains("/") ? res.substring(0, res.indexOf('/')) : res);
        questions.add(Request.resource(verb, group, res, ""));
        questions.add(graph.normalize(Request.resource(verb, group, res, "kube-system")));
      }
    }
    questions.add(Request.resource("bind", "rbac.authorization.k8s.io", "clusterroles", ""));
    questions.add(Request.resource("impersonate", "", "groups", "").named("system:masters"));

    // warm-up, then timed rounds over the whole mix
    int answers = 0;
    for (int i = 0; i < 20; i++) {
      answers += ask(graph, questions);
    }
    long[] perQuery = new long[rounds * questions.size()];
    int k = 0;
    for (int i = 0; i < rounds; i++) {
      for (Request.Resource q : questions) {
        long s = System.nanoTime();
        answers += ask(graph, List.of(q));
        perQuery[k++] = System.nanoTime() - s;
      }
    }
    Arrays.sort(perQuery);
    long t3 = System.nanoTime();
    EscalationPaths paths = EscalationPaths.of(snapshot);
    int found = paths.toClusterAdmin(6).size();
    long t4 = System.nanoTime();
    int risks = RiskCatalog.builtIn().holders(graph).size();
    long t5 = System.nanoTime();
    // a second, uncached escalation graph: the same work with the JIT warm
    EscalationPaths again = EscalationPaths.of(snapshot, List.of(Subject.user("bench")));
    again.toClusterAdmin(6);
    long t6 = System.nanoTime();

    System.out.printf(
        Locale.ROOT,
        "corpus %s: %d objects, %d bindings, %d subjects%n",
        folder,
        snapshot.size(),
        graph.bindings().size(),
        graph.subjects().size());
    System.out.printf(Locale.ROOT, "load (read + parse + snapshot): %8.1f ms%n", ms(t1 - t0));
    System.out.printf(Locale.ROOT, "RBAC graph build:               %8.1f ms%n", ms(t2 - t1));
    System.out.printf(
        Locale.ROOT,
        "who-can per query (%d queries): median %.3f ms, p99 %.3f ms, max %.3f ms%n",
        perQuery.length,
        ms(perQuery[perQuery.length / 2]),
        ms(perQuery[(int) (perQuery.length * 0.99)]),
        ms(perQuery[perQuery.length - 1]));
    System.out.printf(
        Locale.ROOT,
        "who-can median / load time: %.2e%n",
        (double) perQuery[perQuery.length / 2] / (t1 - t0));
    System.out.printf(
        Locale.ROOT, "escalation graph + paths:       %8.1f ms (%d paths)%n", ms(t4 - t3), found);
    System.out.printf(
        Locale.ROOT,
        "risk catalog over all subjects: %8.1f ms (%d holdings)%n",
        ms(t5 - t4),
        risks);
    System.out.printf(
        Locale.ROOT,
        "escalation graph again (warm):  %8.1f ms (%d identities, %d edges)%n",
        ms(t6 - t5),
        again.identities().size(),
        again.edges().size());
    System.out.println("(answers counted: " + answers + ")");
  }

  private static int ask(RbacGraph graph, List<Request.Resource> questions) {
    int n = 0;
    for (Request.Resource q : questions) {
      n += q.namespace().isEmpty() ? graph.whoCanAnywhere(q).size() : graph.whoCan(q).size();
    }
    return n;
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
