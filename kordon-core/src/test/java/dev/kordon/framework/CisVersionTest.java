package dev.kordon.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CIS framework names the benchmark version its section ids and titles come from: section
 * numbers move between versions (1.2.x shifts from 1.23 to v1.10 and v1.12; 1.2.30 and 4.3.1 are
 * new in v1.12), so a wrong version sends a user to the wrong recommendation. Checked against the
 * kubescape CIS framework tables in {@code ../shared/reference/frameworks.md}.
 */
class CisVersionTest {

  private static final Path REFERENCE = Path.of("..", "..", "shared", "reference", "frameworks.md");
  private static final Pattern ROW =
      Pattern.compile("^\\|\\s*([0-9][0-9.]*)\\s*\\|[^|]*\\|([^|]*)\\|");

  @Test
  void everySectionIdAndTitleIsTheBenchmarkVersionItNames() throws IOException {
    assumeTrue(
        Files.isRegularFile(REFERENCE),
        "../shared/reference/frameworks.md is absent: skipping the CIS version check");
    Framework cis =
        Framework.builtIn().stream().filter(f -> f.id().equals("cis")).findFirst().orElseThrow();
    Map<String, String> reference = sections(Files.readAllLines(REFERENCE), cis.version());
    assertThat(reference)
        .as("the reference has a kubescape framework `cis-%s`", cis.version())
        .isNotEmpty();
    for (Framework.Section s : cis.sections()) {
      assertThat(reference).as("CIS %s has item %s", cis.version(), s.id()).containsKey(s.id());
      assertThat(normal(s.title()))
          .as("title of CIS %s item %s", cis.version(), s.id())
          .isEqualTo(normal(reference.get(s.id())));
    }
  }

  /** The rows of the table under the heading that names {@code cis-VERSION}. */
  private static Map<String, String> sections(List<String> lines, String version) {
    Map<String, String> out = new LinkedHashMap<>();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("### ")) {
        in = line.contains("`cis-" + version + "`");
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (in && m.find()) {
        out.put(m.group(1), m.group(2).strip());
      }
    }
    return out;
  }

  /** Titles as compared: Markdown escapes, case and a closing period aside. */
  private static String normal(String title) {
    String t = title.replace("\\_", "_").strip().toLowerCase(Locale.ROOT);
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }
}
