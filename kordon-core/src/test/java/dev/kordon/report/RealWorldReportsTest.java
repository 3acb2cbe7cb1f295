package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.report.markdown.MarkdownReportWriter;
import dev.kordon.testing.RealWorldCorpus;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reports of the real-world corpus (56,026 findings) fit where they are read: the HTML page
 * under 5 MB, the Markdown under GitHub's 1 MiB step-summary limit, SARIF at 25,000 results.
 * Skipped when {@code ../shared} is absent.
 */
class RealWorldReportsTest {

  private static Report report;

  @BeforeAll
  static void scan() {
    report = RealWorldCorpus.report();
    assertThat(report.summary().findings())
        .as("more than any of these limits")
        .isGreaterThan(25_000);
  }

  private static String render(Format format) throws IOException {
    StringWriter out = new StringWriter();
    ReportWriters.forFormat(format, WriterOptions.PLAIN).write(report, out);
    return out.toString();
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void htmlPageIsUnder5Mb() throws IOException {
    String html = render(Format.HTML);
    assertThat(bytes(html)).isLessThan(5_000_000);
    assertThat(html.indexOf("id=\"controls\"")).isLessThan(html.indexOf("id=\"findings\""));
    assertThat(html).contains("This page lists ").doesNotContain(" open>");
  }

  @Test
  void markdownFitsAStepSummary() throws IOException {
    String md = render(Format.MARKDOWN);
    assertThat(bytes(md)).isLessThanOrEqualTo(MarkdownReportWriter.LIMIT_BYTES);
    assertThat(md).contains("## Controls").contains("findings left out**").endsWith("</sub>\n");
  }

  @Test
  void sarifKeeps25000Results() throws IOException {
    JsonNode run = JsonOutput.mapper().readTree(render(Format.SARIF)).at("/runs/0");
    assertThat(run.path("results").size()).isEqualTo(25_000);
    assertThat(run.at("/properties/resultsLeftOut").asInt())
        .isEqualTo(report.findings().size() - 25_000);
  }
}
