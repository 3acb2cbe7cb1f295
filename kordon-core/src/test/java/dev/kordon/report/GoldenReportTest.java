package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every writer over every sample report against {@code report/<format>/<case>.expected}. Run with
 * {@code -Dkordon.updateGolden=true} to rewrite the files (and delete stale ones), then review the
 * diff. Missing and extra golden files both fail.
 */
class GoldenReportTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "report");
  private static final boolean UPDATE = Boolean.getBoolean("kordon.updateGolden");
  private static final Map<String, Report> CASES = SampleReports.all();

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Format format : Format.values()) {
      for (String name : CASES.keySet()) {
        out.add(Arguments.of(format, name));
      }
    }
    return out.stream();
  }

  static String render(Format format, Report report) throws IOException {
    StringWriter out = new StringWriter();
    ReportWriters.forFormat(format, WriterOptions.PLAIN).write(report, out);
    return out.toString();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void writerOutputMatchesGoldenFile(Format format, String name) throws IOException {
    String actual = render(format, CASES.get(name));
    assertThat(actual).as("LF line endings only, nothing raw from input").doesNotContain("\r");
    assertThat(actual).as("ends with a newline").endsWith("\n");
    assertThat(render(format, CASES.get(name))).as("deterministic").isEqualTo(actual);

    Path file = GOLDEN.resolve(format.word()).resolve(name + ".expected");
    if (UPDATE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(file)
        .as("golden file %s is missing; run with -Dkordon.updateGolden=true", file)
        .exists();
    assertThat(actual)
        .as("%s differs from %s (rerun with -Dkordon.updateGolden=true and review)", name, file)
        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void noGoldenFileWithoutACase() throws IOException {
    Set<String> expected = new TreeSet<>();
    for (Format format : Format.values()) {
      for (String name : CASES.keySet()) {
        expected.add(format.word() + "/" + name + ".expected");
      }
    }
    Set<String> extra = new TreeSet<>();
    if (Files.isDirectory(GOLDEN)) {
      try (Stream<Path> files = Files.walk(GOLDEN)) {
        files
            .filter(Files::isRegularFile)
            .map(p -> GOLDEN.relativize(p).toString().replace('\\', '/'))
            .filter(p -> !expected.contains(p))
            .forEach(extra::add);
      }
    }
    if (UPDATE) {
      for (String p : extra) {
        Files.delete(GOLDEN.resolve(p));
      }
      return;
    }
    assertThat(extra)
        .as("golden files without a writer and case; rerun with -Dkordon.updateGolden=true")
        .isEmpty();
  }
}
