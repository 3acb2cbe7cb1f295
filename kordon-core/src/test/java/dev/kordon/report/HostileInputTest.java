package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Names and messages chosen by an attacker stay text in every human-facing format. */
class HostileInputTest {

  private static final String POD =
      String.join(
          "\n",
          "apiVersion: v1",
          "kind: Pod",
          "metadata:",
          "  name: evil",
          "spec:",
          "  containers:",
          "    - name: \"<script>alert(1)</script>\"",
          "      image: busybox:1.36",
          "      securityContext:",
          "        privileged: true",
          "    - name: \"ctl\\u0001\\u001b[31m|`x`\\u2028\\uffff\\ud800\"",
          "      image: busybox:1.36",
          "      securityContext:",
          "        privileged: true",
          "");

  private static Report scan() {
    ReadResult read = new ManifestReader().read("evil.yaml", POD);
    assertThat(read.objects()).hasSize(1);
    Engine engine =
        new Engine(
            Catalog.builtIn(),
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 1, 1)).sequential());
    Report report = engine.scan(Snapshot.of(read.objects()), read.problems());
    assertThat(report.findings())
        .as("KOR-0001 reports the hostile container by name")
        .anyMatch(f -> f.message().contains("<script>alert(1)</script>"));
    return report;
  }

  private static String render(Format format, Report report) throws IOException {
    StringWriter out = new StringWriter();
    ReportWriters.forFormat(format, WriterOptions.PLAIN).write(report, out);
    return out.toString();
  }

  @Test
  void htmlEscapesAScriptInAContainerName() throws IOException {
    String html = render(Format.HTML, scan());
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).doesNotContain("<script>alert");
    // the only script is Kordon's own, once, and the CSP pins it by hash
    assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(1);
    assertThat(html).contains("Content-Security-Policy").contains("script-src 'sha256-");
    assertThat(html).doesNotContain("\u001b").doesNotContain("\u0001");
  }

  @Test
  void htmlIsSelfContained() throws IOException {
    String html = render(Format.HTML, SampleReports.mixed());
    assertThat(html)
        .doesNotContainPattern("(?i)<link\\b")
        .doesNotContainPattern("(?i)\\bsrc\\s*=")
        .doesNotContainPattern("(?i)@import")
        .doesNotContainPattern("(?i)url\\(")
        .doesNotContain("http://x\"");
  }

  @Test
  void htmlScriptMatchesItsCspHash() throws Exception {
    String html = render(Format.HTML, SampleReports.clean());
    Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertThat(script.find()).isTrue();
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(script.group(1).getBytes(StandardCharsets.UTF_8));
    String hash = java.util.Base64.getEncoder().encodeToString(digest);
    assertThat(html).contains("script-src 'sha256-" + hash + "'");
  }

  @Test
  void markdownKeepsTheTableAndShowsNoHtml() throws IOException {
    String md = render(Format.MARKDOWN, scan());
    assertThat(md).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
    for (String line : md.split("\n")) {
      if (line.startsWith("| KOR-0001")) {
        // 4 columns: 5 unescaped pipes
        assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count())
            .as(line)
            .isEqualTo(5);
        assertThat(line.replace("\\`", "")).doesNotContain("`");
      }
    }
    assertThat(md).doesNotContain("\u001b");
  }

  @Test
  void junitIsWellFormedXmlWithTheTextIntact() throws Exception {
    for (Report report : List.of(scan(), SampleReports.mixed())) {
      String xml = render(Format.JUNIT, report);
      Document doc =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      NodeList failures = doc.getElementsByTagName("failure");
      assertThat(failures.getLength()).isPositive();
      assertThat(doc.getDocumentElement().getAttribute("failures"))
          .isEqualTo(Integer.toString(failures.getLength()));
    }
    String xml = render(Format.JUNIT, scan());
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    String message =
        ((org.w3c.dom.Element) doc.getElementsByTagName("failure").item(0)).getAttribute("message");
    assertThat(message).contains("<script>alert(1)</script>");
  }

  @Test
  void tableNeverPrintsTerminalEscapes() throws IOException {
    String table = render(Format.TABLE, scan());
    assertThat(table).doesNotContain("\u001b").doesNotContain("\u0001");
    assertThat(table).contains("<script>alert(1)</script>");
  }
}
