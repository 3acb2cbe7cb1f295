package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Memory is bounded by the objects scanned, not by their findings: a big scan fits a small heap,
 * and a heap too small for the input ends in one line of advice and exit code 2. Each case runs the
 * CLI in a JVM of its own, since the behaviour is the JVM's heap limit.
 *
 * <p>5,000 pods (about 125,000 findings, a 98 MB JSON report) in a 192 MiB heap: the per-pod budget
 * of the documented 20,000 pods in 512 MiB, plus room for what every scan holds whatever its size
 * (the catalog, the CEL environment). Today 5,000 pods run out of 48 MiB and fit in 64 MiB, with
 * the serial collector as with G1 (2026-12-03); before the memory work (docs/performance.md,
 * "Memory") 20,000 pods ran out of 512 MiB, so a quarter of them would not fit in 192 MiB. The
 * forks run with the JVM options of the launcher's scan. {@code bench/memory-bounds.sh} runs the
 * 20,000 pods in 512 MiB (30 s a run at rest, where these take about a quarter of that).
 */
class MemoryBoundsTest {

  private static final int PODS = 5_000;
  private static final String HEAP = "-Xmx192m";

  @TempDir static Path dir;

  private static Path big;
  private static Path medium;

  @BeforeAll
  static void writeInputs() throws IOException {
    big = ManyPods.write(dir.resolve("big.yaml"), PODS);
    medium = ManyPods.write(dir.resolve("medium.yaml"), 1_000);
  }

  @Test
  void fiveThousandPodsScanInA192MegabyteHeap() throws Exception {
    Path out = dir.resolve("big.json");
    Run run =
        fork(
            HEAP,
            "scan",
            big.toString(),
            "--format",
            "json",
            "--output",
            out.toString(),
            "--fail-on",
            "critical");

    assertThat(run.err()).doesNotContain("out of memory").doesNotContain("OutOfMemoryError");
    // the generated pods include privileged containers: critical findings, so exit code 1
    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
    Report report = readReport(out);
    assertThat(report.objects()).isEqualTo(PODS);
    assertThat(report.findings()).isEqualTo(report.findingsInSummary()).isGreaterThan(PODS);
  }

  @Test
  void theDefaultTableOfFiveThousandPodsFitsTheSameHeap() throws Exception {
    Path out = dir.resolve("big.txt");
    Run run = fork(HEAP, "scan", big.toString(), "--output", out.toString());

    assertThat(run.err()).doesNotContain("out of memory").doesNotContain("OutOfMemoryError");
    assertThat(run.exit()).isEqualTo(ExitCode.OK);
    assertThat(summaryLine(out)).startsWith(PODS + " objects, ").contains(" critical");
  }

  @Test
  void aHeapTooSmallEndsInOneLineOfAdviceAndExitCode2() throws Exception {
    Run run =
        fork("-Xmx12m", "scan", medium.toString(), "--format", "json", "--fail-on", "critical");

    assertThat(run.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .matches(
            // how far reading went is left out when even that line cannot be built: worker
            // threads may still hold the heap when the command's thread reports
            "kordon: out of memory( after reading 1,000 objects| while reading the input \\(0 of"
                + " 1 files read\\))?; give Java more heap, e.g. KORDON_JAVA_OPTS=-Xmx4g");
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void adviceSuggestsAtLeastFourGigabytesAndTwiceTheHeapThatRanOut() {
    assertThat(OutOfMemory.advice("", 512L << 20))
        .isEqualTo("kordon: out of memory; give Java more heap, e.g. KORDON_JAVA_OPTS=-Xmx4g");
    assertThat(OutOfMemory.advice("after reading 12,345 objects", 4L << 30))
        .isEqualTo(
            "kordon: out of memory after reading 12,345 objects; give Java more heap, e.g."
                + " KORDON_JAVA_OPTS=-Xmx8g");
    assertThat(OutOfMemory.advice("", 6L << 30)).endsWith("-Xmx16g");
    assertThat(OutOfMemory.count(12_345)).isEqualTo("12,345");
  }

  private record Run(int exit, String err) {}

  private record Report(long objects, long findingsInSummary, long findings) {}

  /** Reads the report as a stream of tokens: it is valid JSON, and its findings are counted. */
  private static Report readReport(Path json) throws IOException {
    long objects = -1;
    long inSummary = -1;
    long findings = -1;
    try (JsonParser p = JsonMapper.builder().build().createParser(json.toFile())) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("summary")) {
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("objects")) {
              objects = p.getLongValue();
            } else if (field.equals("findings")) {
              inSummary = p.getLongValue();
            } else {
              p.skipChildren();
            }
          }
        } else if (name.equals("findings")) {
          assertThat(value).isEqualTo(JsonToken.START_ARRAY);
          findings = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            p.skipChildren();
            findings++;
          }
        } else {
          p.skipChildren();
        }
      }
      assertThat(p.nextToken()).isNull();
    }
    return new Report(objects, inSummary, findings);
  }

  private static String summaryLine(Path table) throws IOException {
    try (var lines = Files.lines(table, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.matches("\\d+ objects?, .*")).reduce((a, b) -> b).orElse("");
    }
  }

  /** Runs the CLI in a JVM of its own with the given heap option. */
  private static Run fork(String heap, String... args) throws Exception {
    // with the JVM options bin/kordon starts a scan with: the heap bound is the one users get
    Process p =
        new ProcessBuilder(CliJvm.command(List.of(heap), args))
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.getOutputStream().close();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("the forked scan ended").isTrue();
    return new Run(p.exitValue(), err.get(1, TimeUnit.MINUTES));
  }
}
