package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.control.ControlSettings;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every mistake the insecure example marks with a {@code # WRONG: ... (KOR-0001)} comment is
 * reported: each control the comment names has a finding on the object the comment stands in. A
 * marker the scan does not back up would teach a reader that Kordon catches something it does not.
 */
class WrongMarkersTest {

  private static final Path EXAMPLES = Path.of("..", "examples", "insecure");
  private static final Pattern CONTROL_ID = Pattern.compile("KOR-\\d{4}");

  /**
   * One marker: the controls it names, and the lines of the YAML document (the object) it stands
   * in, 1-based and inclusive.
   */
  record Marker(String file, int line, List<String> controls, int firstLine, int lastLine) {}

  @Test
  void everyWrongMarkerNamesTheControlsThatReportIt() throws IOException {
    List<Finding> findings = scan();
    List<Marker> markers = markers();
    assertThat(markers).as("markers in examples/insecure").hasSizeGreaterThan(40);
    List<String> problems = new ArrayList<>();
    for (Marker m : markers) {
      if (m.controls().isEmpty()) {
        problems.add(m.file() + ":" + m.line() + " names no control");
      }
      for (String id : m.controls()) {
        boolean reported =
            findings.stream()
                .anyMatch(
                    f ->
                        f.controlId().equals(id)
                            && f.location()
                                .map(
                                    l ->
                                        Path.of(l.file()).getFileName().toString().equals(m.file())
                                            && l.line() >= m.firstLine()
                                            && l.line() <= m.lastLine())
                                .orElse(false));
        if (!reported) {
          problems.add(m.file() + ":" + m.line() + " " + id + " is not reported on this object");
        }
      }
    }
    assertThat(problems).as("WRONG markers the scan does not back up").isEmpty();
  }

  private static List<Finding> scan() {
    ReadResult read =
        new FileSource().read(List.of(EXAMPLES.toString()), new ByteArrayInputStream(new byte[0]));
    Report report =
        new Engine(
                Catalog.builtIn(ControlSettings.DEFAULT),
                Framework.builtIn(),
                EngineOptions.defaults(LocalDate.of(2026, 1, 1)).sequential())
            .scan(Snapshot.of(read.objects()), read.problems());
    assertThat(report.errors()).isEmpty();
    return report.failedFindings();
  }

  private static List<Marker> markers() throws IOException {
    List<Marker> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          int at = line.indexOf("# WRONG:");
          if (at < 0 || !line.substring(0, at).isBlank()) {
            continue;
          }
          // the comment block of this marker: up to the next marker or the first non-comment line
          StringBuilder text = new StringBuilder(line);
          for (int j = i + 1;
              j < lines.size()
                  && lines.get(j).trim().startsWith("#")
                  && !lines.get(j).contains("WRONG:");
              j++) {
            text.append(' ').append(lines.get(j));
          }
          List<String> ids = new ArrayList<>();
          Matcher m = CONTROL_ID.matcher(text);
          while (m.find()) {
            ids.add(m.group());
          }
          int first = i;
          while (first > 0 && !lines.get(first - 1).startsWith("---")) {
            first--;
          }
          int last = i;
          while (last + 1 < lines.size() && !lines.get(last + 1).startsWith("---")) {
            last++;
          }
          out.add(new Marker(file.getFileName().toString(), i + 1, ids, first + 1, last + 1));
        }
      }
    }
    return out;
  }
}
