package dev.kordon.bench;

import dev.kordon.control.Catalog;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.KubeObject;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The scan's stages one by one, single-threaded, over the real-world corpus (once, not repeated):
 * Kordon's parse of every file, the controls over one object at a time, the engine over the whole
 * snapshot, and the JSON report written to a sink. {@code bench/scan-throughput.sh} measures the
 * stages together and in parallel; these say which stage moved. Run as docs/performance.md says
 * ({@code java -cp ... org.openjdk.jmh.Main ScanStages}); never run by the tests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class ScanStagesBenchmark {

  /** The corpus read; relative paths are from the directory the benchmark runs in. */
  @Param("../shared/corpora/real-world")
  public String corpus;

  private record Doc(String name, String text) {}

  private final List<Doc> docs = new ArrayList<>();
  private final ManifestReader reader = new ManifestReader();
  private Engine engine;
  private Snapshot snapshot;
  private ReadResult read;
  private List<KubeObject> objects;
  private Report report;
  private int next;

  /** Counts what is written and keeps none of it. */
  private static final class Sink extends Writer {
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

  @Setup(Level.Trial)
  public void load() throws IOException {
    Path dir = Path.of(corpus);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no corpus at " + dir.toAbsolutePath() + " (-p corpus=DIR)");
    }
    for (FileSource.Input in : new FileSource().list(List.of(dir.toString())).inputs()) {
      docs.add(new Doc(in.name(), Files.readString(in.path(), StandardCharsets.UTF_8)));
    }
    engine =
        new Engine(
            Catalog.builtIn(),
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 6, 1)));
    read = parseAll();
    snapshot = Snapshot.of(read.objects());
    objects = snapshot.objects();
    report = engine.scan(snapshot, read.problems());
  }

  private ReadResult parseAll() {
    List<ReadResult> parts = new ArrayList<>(docs.size());
    for (Doc d : docs) {
      parts.add(reader.read(d.name(), d.text()));
    }
    return ReadResult.concat(parts);
  }

  /** Kordon's parse of every file of the corpus: trees with position indexes. */
  @Benchmark
  public ReadResult parse() {
    return parseAll();
  }

  /**
   * The controls over one object (the next of the corpus in turn), its findings merged and excepted
   * as a scan gives them: the per-object cost of control evaluation.
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Engine.ObjectFindings evaluateOneObject() {
    KubeObject o = objects.get(next);
    next = (next + 1) % objects.size();
    return engine.review(o);
  }

  /** The engine over the whole parsed snapshot: controls, analyzers, merge, sort, scores. */
  @Benchmark
  public Report scanSnapshot() {
    return engine.scan(snapshot, read.problems());
  }

  /** The JSON report of the corpus's scan, written to a sink. */
  @Benchmark
  public void writeJsonReport(Blackhole bh) throws IOException {
    Sink out = new Sink();
    new JsonReportWriter().write(report, out);
    bh.consume(out.chars);
  }
}
