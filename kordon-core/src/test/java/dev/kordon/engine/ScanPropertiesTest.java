package dev.kordon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.report.Report;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import dev.kordon.testing.FixtureCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the whole pipeline over every control fixture, with the full catalog: formatting
 * changes that mean nothing to Kubernetes change nothing in the findings. Randomness comes from a
 * fixed seed shown in the test name, so a failure replays.
 */
class ScanPropertiesTest {

  private static final long SEED = 20261129L;
  private static final Engine ENGINE =
      new Engine(
          Catalog.builtIn(), Framework.builtIn(), EngineOptions.defaults(LocalDate.of(2026, 6, 1)));

  static Stream<Arguments> fixtures() throws IOException {
    Path root = FixtureCatalog.root(ScanPropertiesTest.class);
    return FixtureCatalog.fixtures(root).stream()
        .map(p -> Arguments.of(root.relativize(p).toString(), p));
  }

  /** The scan of each fixture as written: three properties compare against the same one. */
  private static final Map<String, Report> AS_WRITTEN = new ConcurrentHashMap<>();

  private static Report scanAsWritten(String name, String text) {
    return AS_WRITTEN.computeIfAbsent(name, n -> scan(n, text));
  }

  private static Report scan(String name, String text) {
    ReadResult r = new ManifestReader().read(name, text);
    return ENGINE.scan(Snapshot.of(r.objects()), r.problems());
  }

  /** Control, resource, path and line of each finding, as a sorted set. */
  private static Set<String> keys(Report r, boolean withLines) {
    Set<String> out = new TreeSet<>();
    for (Finding f : r.findings()) {
      out.add(
          f.controlId()
              + " "
              + f.resource().display()
              + " "
              + f.path()
              + (withLines
                  ? " @" + f.location().map(l -> l.line() + ":" + l.column()).orElse("-")
                  : "")
              + " "
              + f.fingerprint());
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void lineEndingsDoNotChangeFindingsOrLines(String name, Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Set<String> lf = keys(scanAsWritten(name, text), true);
    assertThat(keys(scan(name, text.replace("\n", "\r\n")), true)).as("CRLF").isEqualTo(lf);
    assertThat(keys(scan(name, text.replace("\n", "\r")), true)).as("CR").isEqualTo(lf);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void commentsChangeNothing(String name, Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Set<String> before = keys(scanAsWritten(name, text), true);
    // A comment line before every top-level line (never inside a block scalar, where it would be
    // content), remembering where each original line went.
    StringBuilder commented = new StringBuilder();
    List<Integer> originalLine = new ArrayList<>();
    originalLine.add(0);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isEmpty() && !Character.isWhitespace(lines[i].charAt(0))) {
        commented.append("# note\n");
        originalLine.add(-1);
      }
      commented.append(lines[i]).append('\n');
      originalLine.add(i + 1);
    }
    Set<String> after = new TreeSet<>();
    for (String k : keys(scan(name, commented.toString()), true)) {
      after.add(remap(k, originalLine));
    }
    assertThat(after).isEqualTo(before);
  }

  private static String remap(String key, List<Integer> originalLine) {
    int at = key.lastIndexOf(" @");
    int colon = key.indexOf(':', at);
    if (at < 0 || colon < 0) {
      return key;
    }
    int line = Integer.parseInt(key.substring(at + 2, colon));
    return key.substring(0, at + 2) + originalLine.get(line) + key.substring(colon);
  }

  @ParameterizedTest(name = "{0} seed=" + SEED)
  @MethodSource("fixtures")
  void documentOrderDoesNotChangeTheFindingSet(String name, Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> docs = new ArrayList<>(List.of(text.split("(?m)^---\\s*$")));
    Set<String> before = keys(scan(name, String.join("---\n", docs)), false);
    Collections.shuffle(docs, new Random(SEED ^ name.hashCode()));
    assertThat(keys(scan(name, String.join("---\n", docs)), false)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fingerprintsIgnoreLayoutButFollowIdentity(String name, Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Report base = scanAsWritten(name, text);
    Report moved = scan(name, "\n\n\n" + text.replace("\n", "\n\n"));
    assertThat(fingerprints(moved)).isEqualTo(fingerprints(base));
    Report renamed = scan(name, text.replaceAll("(?m)^(  name: )", "$1renamed-"));
    for (Finding f : renamed.findings()) {
      if (f.resource().name().startsWith("renamed-")) {
        assertThat(fingerprints(base)).doesNotContain(f.fingerprint());
      }
    }
  }

  private static Set<String> fingerprints(Report r) {
    Set<String> out = new TreeSet<>();
    r.findings().forEach(f -> out.add(f.fingerprint()));
    return out;
  }
}
