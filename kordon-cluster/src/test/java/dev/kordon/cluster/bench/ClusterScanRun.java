package dev.kordon.cluster.bench;

import dev.kordon.cluster.ClusterOptions;
import dev.kordon.cluster.ClusterRead;
import dev.kordon.cluster.ClusterSource;
import dev.kordon.cluster.ListingListener;
import dev.kordon.control.Catalog;
import dev.kordon.control.ControlSettings;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.report.Report;
import dev.kordon.snapshot.Snapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Benchmark client (not a test): one cluster scan through a kubeconfig, timed in phases, with the
 * JVM's peak heap. Usage: {@code ClusterScanRun <kubeconfig>}.
 */
public final class ClusterScanRun {
  private ClusterScanRun() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    ClusterRead read;
    try (ClusterSource source =
        ClusterSource.connect(
            new ClusterOptions(
                args[0], "", List.of(), false, ClusterOptions.DEFAULT_PAGE_SIZE, 4))) {
      read = source.read(ListingListener.NONE);
    }
    long t1 = System.nanoTime();
    Engine engine =
        new Engine(
            Catalog.builtIn(ControlSettings.DEFAULT),
            Framework.builtIn(),
            EngineOptions.defaults(ControlSettings.FIXED_TODAY));
    Report report = engine.scan(Snapshot.of(read.objects()), read.problems());
    long t2 = System.nanoTime();

    System.gc();
    long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "listed %d objects, kept %d, findings %d, denied %d%n",
        read.listed(), read.objects().size(), report.findings().size(), read.denied().size());
    System.out.printf(
        "wall: list %.2f s, scan %.2f s, total %.2f s (scan/list %.2f)%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, (double) (t2 - t1) / (t1 - t0));
    System.out.printf(
        "peak heap (sum of heap pool peaks): %d MiB; max heap %d MiB;"
            + " live after GC with the snapshot and report held: %d MiB (%d objects)%n",
        peak >> 20,
        Runtime.getRuntime().maxMemory() >> 20,
        retained >> 20,
        report.summary().objects());
  }
}
