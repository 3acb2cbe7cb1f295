package dev.kordon.node;

import dev.kordon.model.KubeObject;
import dev.kordon.report.Report;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How long judging a node tree takes (bench/node.sh, not a test): the first judgement after the JVM
 * started (cold: class loading, catalog, YAML reader), then warm rounds; the baseline of the same
 * run is reading the tree without judging it, so that the ratio says what the controls cost.
 */
public final class NodeBench {
  private NodeBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path dir = Files.createTempDirectory("kordon-node-bench");
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    NodeTree kubeadm = NodeFixtures.materialize("kubeadm-1.32", dir, true);
    long t0 = System.nanoTime();
    NodeInventory.Result first = NodeInventory.read(kubeadm);
    Report report = NodeJudge.judge(first.objects(), first.problems());
    long coldNanos = System.nanoTime() - t0;
    long sinceJvm = System.currentTimeMillis() - jvmStart;
    System.out.printf(
        "kubeadm-1.32 cold: %d ms for the first judgement (%d findings); %d ms after JVM start"
            + " (tree copy and mode setup included)%n",
        coldNanos / 1_000_000, report.findings().size(), sinceJvm);
    for (String tree : NodeFixtures.TREES) {
      NodeTree t =
          tree.equals("kubeadm-1.32") ? kubeadm : NodeFixtures.materialize(tree, dir, true);
      for (int i = 0; i < 20; i++) {
        NodeInventory.Result r = NodeInventory.read(t);
        NodeJudge.judge(r.objects(), r.problems());
      }
      long[] read = new long[rounds];
      long[] judge = new long[rounds];
      int sink = 0;
      for (int i = 0; i < rounds; i++) {
        long a = System.nanoTime();
        NodeInventory.Result r = NodeInventory.read(t);
        long b = System.nanoTime();
        List<KubeObject> objects = r.objects();
        sink += NodeJudge.judge(objects, r.problems()).findings().size();
        long c = System.nanoTime();
        read[i] = b - a;
        judge[i] = c - a;
      }
      Arrays.sort(read);
      Arrays.sort(judge);
      double readMs = read[rounds / 2] / 1e6;
      double judgeMs = judge[rounds / 2] / 1e6;
      System.out.printf(
          "%-14s warm median: read %.2f ms, read+judge %.2f ms, ratio %.2f (%d rounds, %d)%n",
          tree, readMs, judgeMs, judgeMs / readMs, rounds, sink);
    }
  }
}
