package dev.kordon.bench;

import dev.kordon.control.Catalog;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.report.Report;
import dev.kordon.report.json.JsonReportWriter;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.FileSource;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Scan throughput over a real corpus, repeated to a target object count. Three figures from one
 * run, each round timing all three in turn: the YAML library alone (snakeyaml-engine loading plain
 * Java values, no positions: the limit), Kordon's parse (JSON trees with position indexes), and the
 * full scan (parse + controls + JSON report). Reports objects per second and the ratios full/parse
 * and full/library, so that the figures are comparable across machines and under load.
 *
 * <p>Timing starts once the JIT is quiet (a warm-up round with less than half a second of
 * compilation, at most twelve rounds), and the JIT's time in each measured round is printed, so
 * that the figures are of compiled code and say so.
 *
 * <p>The full scan is also timed phase by phase (parse, engine, JSON report), which gives the floor
 * the report sets: a scan whose controls cost nothing still writes every finding's fields, so its
 * ratio full/parse is at least (parse + report) / parse.
 *
 * <p>Usage: {@code ScanThroughput CORPUS_DIR [MIN_OBJECTS] [ROUNDS]}.
 */
public final class ScanThroughput {

  private record Doc(String name, String text) {}

  private static long lastReportChars;

  /** Counts what is written and keeps none of it. */
  private static final class CountingWriter extends Writer {
    long chars;

    @Override
    public void write(char[] buf, int off, int len) {
      chars += len;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private ScanThroughput() {}

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpora/real-world");
    int minObjects = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;

    List<Doc> base = new ArrayList<>();
    FileSource source = new FileSource();
    for (FileSource.Input in : source.list(List.of(corpus.toString())).inputs()) {
      base.add(new Doc(in.name(), Files.readString(in.path(), StandardCharsets.UTF_8)));
    }
    int perCopy = parse(base).objects().size();
    int copies = Math.max(1, (minObjects + perCopy - 1) / perCopy);
    List<Doc> docs = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      for (Doc d : base) {
        docs.add(new Doc("copy" + c + "/" + d.name(), d.text()));
      }
    }
    long bytes = docs.stream().mapToLong(d -> d.text().length()).sum();
    Engine engine =
        new Engine(Catalog.builtIn(), Framework.builtIn(), EngineOptions.defaults(LocalDate.now()));
    System.out.printf(
        Locale.ROOT,
        "corpus %s: %d files, %d objects per copy, %d copies = %d files, %d objects, %.1f MB, %d cores, %d controls%n",
        corpus,
        base.size(),
        perCopy,
        copies,
        docs.size(),
        perCopy * copies,
        bytes / 1e6,
        Runtime.getRuntime().availableProcessors(),
        engine.controls().size());

    // Warm-up: rounds of all three paths until the JIT is quiet. Two rounds used to be the rule,
    // and the optimizing compiler then still took a third of the measured rounds' CPU (1.5-2 s of
    // compilation per round for four more rounds): the figures measured the warm-up.
    int warmUps = 0;
    long jitInRound;
    do {
      long jit0 = jitMillis();
      long w0 = System.nanoTime();
      library(docs);
      parse(docs);
      fullScan(docs, engine);
      jitInRound = jitMillis() - jit0;
      warmUps++;
      System.out.printf(
          Locale.ROOT,
          "warm-up round %d: %.2f s, JIT %d ms%n",
          warmUps,
          (System.nanoTime() - w0) / 1e9,
          jitInRound);
    } while (warmUps < MIN_WARM_UPS
        || (jitInRound > QUIET_JIT_MILLIS_PER_ROUND && warmUps < MAX_WARM_UPS));
    double[] libraryTimes = new double[rounds];
    double[] parseTimes = new double[rounds];
    double[] scanTimes = new double[rounds];
    double[] libraryCpu = new double[rounds];
    double[] parseCpu = new double[rounds];
    double[] scanCpu = new double[rounds];
    long[] jitPerRound = new long[rounds];
    double[][] phaseTimes = new double[Phase.values().length][rounds];
    double[][] phaseCpu = new double[Phase.values().length][rounds];
    int objects = 0;
    int findings = 0;
    long libraryDocs = 0;
    for (int r = 0; r < rounds; r++) {
      // the three in turn within each round, so that drift (GC, other jobs) hits all alike
      long jit0 = jitMillis();
      long c0 = cpu();
      long t0 = System.nanoTime();
      libraryDocs = library(docs);
      long t1 = System.nanoTime();
      long c1 = cpu();
      objects = parse(docs).objects().size();
      long t2 = System.nanoTime();
      long c2 = cpu();
      PhaseClock phases = new PhaseClock();
      findings = fullScan(docs, engine, phases);
      long t3 = System.nanoTime();
      for (Phase p : Phase.values()) {
        phaseTimes[p.ordinal()][r] = phases.wall[p.ordinal()] / 1e9;
        phaseCpu[p.ordinal()][r] = phases.cpu[p.ordinal()] / 1e9;
      }
      long c3 = cpu();
      jitPerRound[r] = jitMillis() - jit0;
      libraryTimes[r] = (t1 - t0) / 1e9;
      parseTimes[r] = (t2 - t1) / 1e9;
      scanTimes[r] = (t3 - t2) / 1e9;
      libraryCpu[r] = (c1 - c0) / 1e9;
      parseCpu[r] = (c2 - c1) / 1e9;
      scanCpu[r] = (c3 - c2) / 1e9;
    }
    if (Boolean.getBoolean("kordon.breakdown")) {
      breakdown(docs);
    }
    double lib = median(libraryTimes);
    double parse = median(parseTimes);
    double scan = median(scanTimes);
    System.out.printf(
        Locale.ROOT,
        "library:    median %.3f s  (%.0f objects/s, %.1f MB/s; snakeyaml-engine to plain values,"
            + " %d documents)%n"
            + "parse only: median %.3f s  (%.0f objects/s, %.1f MB/s)%n"
            + "full scan:  median %.3f s  (%.0f objects/s, %d findings, %.1f MB of JSON)%n"
            + "ratio full/parse: %.2f  ratio full/library: %.2f  ratio parse/library: %.2f%n"
            + "  medians of per-round ratios: full/parse %.2f  full/library %.2f%n"
            + "  rounds=%d; library %s; parse %s; scan %s%n",
        lib,
        objects / lib,
        bytes / 1e6 / lib,
        libraryDocs,
        parse,
        objects / parse,
        bytes / 1e6 / parse,
        scan,
        objects / scan,
        findings,
        lastReportChars / 1e6,
        scan / parse,
        scan / lib,
        parse / lib,
        medianRatio(scanTimes, parseTimes),
        medianRatio(scanTimes, libraryTimes),
        rounds,
        Arrays.toString(round(libraryTimes)),
        Arrays.toString(round(parseTimes)),
        Arrays.toString(round(scanTimes)));
    // CPU time of the whole process (all threads, GC and JIT included): on a machine shared with
    // other jobs, wall time measures the other jobs too, CPU time far less
    System.out.printf(
        Locale.ROOT,
        "process CPU time: library %.1f s, parse %.1f s, full %.1f s (medians);"
            + " ratio full/parse %.2f  full/library %.2f%n"
            + "  per round: library %s; parse %s; scan %s%n"
            + "JIT compilation per round (ms, all three paths): %s after %d warm-up rounds%n",
        median(libraryCpu),
        median(parseCpu),
        median(scanCpu),
        medianRatio(scanCpu, parseCpu),
        medianRatio(scanCpu, libraryCpu),
        Arrays.toString(round(libraryCpu)),
        Arrays.toString(round(parseCpu)),
        Arrays.toString(round(scanCpu)),
        Arrays.toString(jitPerRound),
        warmUps);
    printPhases(phaseTimes, phaseCpu);
  }

  /** The three phases of a full scan, timed one after the other in each round. */
  private enum Phase {
    PARSE,
    ENGINE,
    REPORT
  }

  /** Wall and process CPU nanoseconds per phase of one full scan. */
  private static final class PhaseClock {
    final long[] wall = new long[Phase.values().length];
    final long[] cpu = new long[Phase.values().length];
    private long wall0;
    private long cpu0;

    void start() {
      wall0 = System.nanoTime();
      cpu0 = cpu();
    }

    /** Ends the phase and starts the next one. */
    void lap(Phase p) {
      long w = System.nanoTime();
      long c = cpu();
      wall[p.ordinal()] = w - wall0;
      cpu[p.ordinal()] = c - cpu0;
      wall0 = w;
      cpu0 = c;
    }
  }

  /**
   * The full scan phase by phase, and the floor the report sets: parse + report over parse is the
   * ratio full/parse of a scan whose controls cost nothing, since the report's bytes (what every
   * finding must carry) are written whatever the controls cost.
   */
  private static void printPhases(double[][] wall, double[][] cpu) {
    double parse = median(wall[Phase.PARSE.ordinal()]);
    double engine = median(wall[Phase.ENGINE.ordinal()]);
    double report = median(wall[Phase.REPORT.ordinal()]);
    double parseCpu = median(cpu[Phase.PARSE.ordinal()]);
    double engineCpu = median(cpu[Phase.ENGINE.ordinal()]);
    double reportCpu = median(cpu[Phase.REPORT.ordinal()]);
    System.out.printf(
        Locale.ROOT,
        "full scan by phase (medians): parse %.3f s, engine %.3f s, JSON report %.3f s;"
            + " CPU %.2f s, %.2f s, %.2f s%n"
            + "  per round: parse %s; engine %s; report %s%n"
            + "floor set by the report: (parse + report) / parse = %.2f wall, %.2f CPU;"
            + " engine / parse = %.2f wall, %.2f CPU%n",
        parse,
        engine,
        report,
        parseCpu,
        engineCpu,
        reportCpu,
        Arrays.toString(round(wall[Phase.PARSE.ordinal()])),
        Arrays.toString(round(wall[Phase.ENGINE.ordinal()])),
        Arrays.toString(round(wall[Phase.REPORT.ordinal()])),
        medianRatio(
            sum(wall[Phase.PARSE.ordinal()], wall[Phase.REPORT.ordinal()]),
            wall[Phase.PARSE.ordinal()]),
        medianRatio(
            sum(cpu[Phase.PARSE.ordinal()], cpu[Phase.REPORT.ordinal()]),
            cpu[Phase.PARSE.ordinal()]),
        medianRatio(wall[Phase.ENGINE.ordinal()], wall[Phase.PARSE.ordinal()]),
        medianRatio(cpu[Phase.ENGINE.ordinal()], cpu[Phase.PARSE.ordinal()]));
  }

  private static double[] sum(double[] a, double[] b) {
    double[] s = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }

  /** Warm-up ends when a round's compilations took less than this, or after MAX_WARM_UPS. */
  private static final long QUIET_JIT_MILLIS_PER_ROUND = 500;

  private static final int MIN_WARM_UPS = 2;
  private static final int MAX_WARM_UPS = 12;

  /** Time the JIT's threads have spent compiling since the start, in milliseconds. */
  private static long jitMillis() {
    return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * The limit: snakeyaml-engine's own loader over the same texts, in parallel like the parse, to
   * plain maps, lists and scalars (no positions, no trees of Kordon's); consumes every document.
   */
  private static long library(List<Doc> docs) {
    LoadSettings settings =
        LoadSettings.builder().setLabel("bench").setCodePointLimit(Integer.MAX_VALUE).build();
    return docs.parallelStream()
        .mapToLong(
            d -> {
              long n = 0;
              try {
                for (Object o : new Load(settings).loadAllFromString(d.text())) {
                  if (o != null) {
                    n++;
                  }
                }
              } catch (RuntimeException e) {
                // a file the library rejects counts what it loaded before, like Kordon's parse
              }
              return n;
            })
        .sum();
  }

  private static double medianRatio(double[] a, double[] b) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] / b[i];
    }
    return median(r);
  }

  /** The slowest controls, each run alone over the whole snapshot, to show where the time goes. */
  private static void breakdown(List<Doc> docs) {
    Snapshot snapshot = Snapshot.of(parse(docs).objects());
    java.util.Map<String, Long> perControl = new java.util.TreeMap<>();
    for (dev.kordon.control.Control c : Catalog.builtIn().controls()) {
      Engine one =
          new Engine(
              dev.kordon.control.Catalog.of(List.of(c)),
              Framework.builtIn(),
              new EngineOptions(
                  java.util.Optional.empty(),
                  dev.kordon.engine.Exceptions.NONE,
                  LocalDate.now(),
                  true,
                  List.of(c.info().id())));
      long a = System.nanoTime();
      one.scan(snapshot, List.of());
      perControl.put(c.info().id(), System.nanoTime() - a);
    }
    System.out.printf(
        Locale.ROOT,
        "controls one by one: %.2f s in all%n",
        perControl.values().stream().mapToLong(Long::longValue).sum() / 1e9);
    perControl.entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(8)
        .forEach(
            e -> System.out.printf(Locale.ROOT, "  %s %.2f s%n", e.getKey(), e.getValue() / 1e9));
  }

  private static ReadResult parse(List<Doc> docs) {
    ManifestReader reader = new ManifestReader();
    return ReadResult.concat(
        docs.parallelStream().map(d -> reader.read(d.name(), d.text())).toList());
  }

  private static int fullScan(List<Doc> docs, Engine engine) throws IOException {
    return fullScan(docs, engine, new PhaseClock());
  }

  private static int fullScan(List<Doc> docs, Engine engine, PhaseClock clock) throws IOException {
    clock.start();
    ReadResult read = parse(docs);
    clock.lap(Phase.PARSE);
    Report report = engine.scan(Snapshot.of(read.objects()), read.problems());
    clock.lap(Phase.ENGINE);
    // Written as to a file, but discarded: the report of 50,000 objects is hundreds of MB.
    CountingWriter out = new CountingWriter();
    new JsonReportWriter().write(report, out);
    clock.lap(Phase.REPORT);
    lastReportChars = out.chars;
    return report.findings().size();
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String[] round(double[] xs) {
    return Arrays.stream(xs)
        .mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
        .toArray(String[]::new);
  }
}
