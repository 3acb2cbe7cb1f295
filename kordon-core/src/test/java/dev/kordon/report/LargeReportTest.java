package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.report.markdown.MarkdownReportWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A report as large as a real repository's stays within what the places people read it accept:
 * GitHub's 1 MiB step summary for Markdown, 25,000 results per code-scanning run for SARIF, and a
 * page a browser opens (under 5 MB) for HTML; the most severe findings are kept, and each format
 * says how many it left out.
 */
class LargeReportTest {

  static final int FINDINGS = 60_000;

  private static Report large;

  @BeforeAll
  static void generate() {
    large = SampleReports.large(FINDINGS);
    assertThat(large.summary().findings()).isEqualTo(FINDINGS);
  }

  static String render(Format format, Report report, WriterOptions options) throws IOException {
    StringWriter out = new StringWriter();
    ReportWriters.forFormat(format, options).write(report, out);
    return out.toString();
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void markdownFitsAStepSummaryWithWholeRowsOfTheMostSevereFindings() throws IOException {
    String md = render(Format.MARKDOWN, large, WriterOptions.PLAIN);
    assertThat(bytes(md)).isLessThanOrEqualTo(MarkdownReportWriter.LIMIT_BYTES);
    assertThat(bytes(md)).as("the budget is used, not wasted").isGreaterThan(900_000);
    assertThat(md).endsWith("</sub>\n");

    List<String> lines = md.lines().toList();
    List<String> rows = lines.stream().filter(l -> l.startsWith("| KOR-")).toList();
    for (String line : lines) {
      if (line.startsWith("| ")) {
        assertThat(line).as("never cut mid-row").endsWith(" |").doesNotEndWith("\\|");
      } else if (line.startsWith("|")) {
        assertThat(line).as("a table's separator").matches("\\|([-:]+\\|)+");
      }
    }
    assertThat(rows.stream().filter(r -> r.startsWith("| KOR-0001 ")))
        .as("every critical finding is shown")
        .hasSize(count(Severity.CRITICAL));
    assertThat(rows.stream().filter(r -> r.startsWith("| KOR-0120 ")))
        .as("every high finding is shown")
        .hasSize(count(Severity.HIGH));
    assertThat(md.indexOf("### Critical")).isLessThan(md.indexOf("### High"));
    assertThat(md.indexOf("### High")).isLessThan(md.indexOf("### Medium"));
    assertThat(md)
        .contains("## Controls\n")
        .contains("| critical | KOR-0001 Privileged container |");

    Matcher leftOut =
        Pattern.compile("\\*\\*(\\d+) of " + FINDINGS + " findings left out\\*\\* \\(([^)]*)\\)")
            .matcher(md);
    assertThat(leftOut.find()).as("a line says how many were left out").isTrue();
    assertThat(Integer.parseInt(leftOut.group(1)) + rows.size())
        .as("shown + left out = all")
        .isEqualTo(FINDINGS);
    assertThat(leftOut.group(2)).contains("low").doesNotContain("critical").doesNotContain("high");
    assertThat(md.indexOf("findings left out")).isLessThan(md.indexOf("## How to fix"));
  }

  @Test
  void markdownOfASmallReportLeavesNothingOut() throws IOException {
    String md = render(Format.MARKDOWN, SampleReports.large(500), WriterOptions.PLAIN);
    assertThat(md).doesNotContain("left out");
    assertThat(md.lines().filter(l -> l.startsWith("| KOR-"))).hasSize(500);
  }

  @Test
  void sarifKeepsTheMostSevere25000AndSaysHowManyItLeftOut() throws IOException {
    JsonNode sarif = JsonOutput.mapper().readTree(render(Format.SARIF, large, WriterOptions.PLAIN));
    JsonNode run = sarif.at("/runs/0");
    assertThat(run.path("results").size()).isEqualTo(25_000);
    assertThat(run.at("/properties/resultsLeftOut").asInt()).isEqualTo(FINDINGS - 25_000);
    assertThat(run.at("/properties/findings").asInt()).isEqualTo(FINDINGS);

    int[] kept = new int[Severity.values().length];
    for (JsonNode r : run.path("results")) {
      kept[Severity.parse(r.at("/properties/severity").asString()).ordinal()]++;
    }
    assertThat(kept[Severity.CRITICAL.ordinal()]).isEqualTo(count(Severity.CRITICAL));
    assertThat(kept[Severity.HIGH.ordinal()]).isEqualTo(count(Severity.HIGH));
    assertThat(kept[Severity.MEDIUM.ordinal()])
        .as("the rest of the room goes to medium, in report order")
        .isEqualTo(25_000 - count(Severity.CRITICAL) - count(Severity.HIGH))
        .isLessThan(count(Severity.MEDIUM));
    assertThat(kept[Severity.LOW.ordinal()]).isZero();

    JsonNode notes = run.at("/invocations/0/toolExecutionNotifications");
    JsonNode last = notes.get(notes.size() - 1);
    assertThat(last.path("level").asString()).isEqualTo("warning");
    assertThat(last.at("/message/text").asString())
        .startsWith((FINDINGS - 25_000) + " of " + FINDINGS + " findings left out");
  }

  @Test
  void sarifUnderTheCapKeepsEveryResultAndSaysNothing() throws IOException {
    JsonNode sarif =
        JsonOutput.mapper()
            .readTree(render(Format.SARIF, SampleReports.large(25_000), WriterOptions.PLAIN));
    assertThat(sarif.at("/runs/0/results").size()).isEqualTo(25_000);
    assertThat(sarif.at("/runs/0/properties").has("resultsLeftOut")).isFalse();
    assertThat(sarif.at("/runs/0/invocations/0/toolExecutionNotifications").size()).isZero();
  }

  @Test
  void htmlIsUnder5MbGroupedByControlMostSevereFirstAndCollapsed() throws Exception {
    String html = render(Format.HTML, large, WriterOptions.PLAIN);
    assertThat(bytes(html)).isLessThan(5_000_000);
    assertThat(html).doesNotContain("unsafe-inline").doesNotContain(" open>");

    assertThat(html.indexOf("id=\"controls\""))
        .as("the control view before the findings")
        .isLessThan(html.indexOf("id=\"findings\""));
    int critical = html.indexOf("<details class=\"group searchable sev-critical\"");
    int high = html.indexOf("<details class=\"group searchable sev-high\"");
    int medium = html.indexOf("<details class=\"group searchable sev-medium\"");
    int low = html.indexOf("<details class=\"group searchable sev-low\"");
    assertThat(critical).isPositive().isLessThan(high);
    assertThat(high).isLessThan(medium);
    assertThat(medium).isLessThan(low);

    Matcher lists = Pattern.compile("This page lists (\\d+) of (\\d+) findings").matcher(html);
    assertThat(lists.find()).isTrue();
    assertThat(Integer.parseInt(lists.group(2))).isEqualTo(FINDINGS);
    int shown = Integer.parseInt(lists.group(1));
    assertThat(shown).isGreaterThan(10_000).isLessThan(FINDINGS);
    assertThat(Pattern.compile("\n<tr><td>Deployment/").matcher(html).results().count())
        .as("one row per shown finding")
        .isEqualTo(shown);
    assertThat(html.substring(critical, high))
        .as("the small critical group is shown whole")
        .doesNotContain("left out");
    assertThat(html.substring(low)).contains("more findings of this control left out");
    assertThat(html)
        .as("one remediation per control, not per finding")
        .containsOnlyOnce(SampleReports.LIMITS.remediation());

    assertHashed(html, "style");
    assertHashed(html, "script");
  }

  @Test
  void theControlViewAloneLeavesTheFindingsOut() throws IOException {
    WriterOptions controls = WriterOptions.PLAIN.withView(View.CONTROLS);
    String html = render(Format.HTML, large, controls);
    assertThat(html).contains("id=\"controls\"").doesNotContain("<details");
    assertThat(bytes(html)).isLessThan(50_000);

    String md = render(Format.MARKDOWN, large, controls);
    assertThat(md).contains("## Controls").doesNotContain("## Findings");

    JsonNode json = JsonOutput.mapper().readTree(render(Format.JSON, large, controls));
    assertThat(json.has("findings")).isFalse();
    assertThat(json.path("view").asString()).isEqualTo("controls");
    assertThat(json.path("controls").size()).isEqualTo(4);
    JsonNode first = json.path("controls").get(0);
    assertThat(first.path("controlId").asString()).isEqualTo("KOR-0001");
    assertThat(first.path("failedResources").asInt()).isEqualTo(count(Severity.CRITICAL));
    assertThat(first.path("compliance").asDouble()).isEqualTo(0.0);

    String table = render(Format.TABLE, large, controls);
    List<String> lines = table.lines().toList();
    assertThat(lines.get(0)).startsWith("SEVERITY  CONTROL   TITLE");
    assertThat(lines.get(1)).startsWith("critical  KOR-0001  Privileged container");
    assertThat(table).doesNotContain("sidecar");
  }

  private static void assertHashed(String html, String element) throws Exception {
    Matcher m =
        Pattern.compile("<" + element + ">(.*?)</" + element + ">", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).isTrue();
    String hash =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(m.group(1).getBytes(StandardCharsets.UTF_8)));
    assertThat(html).contains(element + "-src 'sha256-" + hash + "'");
  }

  private static int count(Severity s) {
    return (int)
        large.findings().stream().filter(Finding::failed).filter(f -> f.severity() == s).count();
  }
}
