package dev.kordon.testing;

import dev.kordon.control.Catalog;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.report.Report;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The shared real-world corpus ({@code ../shared/corpora/real-world}, 3,843 objects), read once and
 * scanned once per test JVM: reading and scanning it are the costliest fixtures of the suite, and
 * several test classes only look at the same result from different sides. Objects are never mutated
 * after the source built them (see {@code KubeObject}), so sharing them is safe. A test that proves
 * something about reading or scanning itself (determinism) reads and scans again. Skips the calling
 * test when the corpus is absent.
 */
public final class RealWorldCorpus {
  private RealWorldCorpus() {}

  private static final Engine ENGINE =
      new Engine(
          Catalog.builtIn(), Framework.builtIn(), EngineOptions.defaults(LocalDate.of(2026, 6, 1)));

  private static ReadResult read;
  private static Report report;

  /** The corpus folder, or the test is skipped saying what is missing. */
  public static Path folder() {
    return SharedCorpus.require("corpora/real-world");
  }

  /** A fresh read of the whole corpus (for tests about reading itself). */
  public static ReadResult readAgain() {
    return new FileSource().read(List.of(folder().toString()), InputStream.nullInputStream());
  }

  /** The whole corpus, read once per JVM. */
  public static synchronized ReadResult read() {
    Path folder = folder();
    if (read == null) {
      read = new FileSource().read(List.of(folder.toString()), InputStream.nullInputStream());
    }
    return read;
  }

  /** The engine of {@link #report()}: the built-in catalog and framework, on 2026-06-01. */
  public static Engine engine() {
    return ENGINE;
  }

  /** The report of {@link #engine()} over {@link #read()}, scanned once per JVM. */
  public static synchronized Report report() {
    ReadResult r = read();
    if (report == null) {
      report = ENGINE.scan(Snapshot.of(r.objects()), r.problems());
    }
    return report;
  }
}
