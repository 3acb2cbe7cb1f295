package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.model.SourceLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;

/**
 * Random hostile text (markup, table and code delimiters, control characters, lone surrogates,
 * bidirectional overrides) in every input-derived field, against each format's structural
 * invariant. Seeds come from one fixed Random and are shown in the test name, so a failure replays.
 */
class EscapingPropertyTest {

  private static final String[] PIECES = {
    "<",
    ">",
    "&",
    "\"",
    "'",
    "|",
    "`",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "@",
    "#",
    "!",
    "~",
    "\\",
    "\n",
    "\r",
    "\t",
    "\u0000",
    "\u0001",
    "\u0007",
    "\u001b[31m",
    "\u007f",
    "\u0085",
    "\u2028",
    "\u202e",
    "\u2066",
    "\ud800",
    "\udc00",
    "\ud83d\ude00",
    "\ufffe",
    "\uffff",
    "é",
    "ß",
    "<br>",
    "<script>",
    "</td>",
    "]]>",
    "<!--",
    "&amp;",
    "&#10;",
    "a",
    "b",
    " ",
    "x",
    "KOR-0001"
  };

  static Stream<Long> seeds() {
    Random master = new Random(20261129L);
    return LongStream.generate(master::nextLong).limit(40).boxed();
  }

  private static String hostile(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(24);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static Report report(Random r, String message) {
    ObjectRef ref = new ObjectRef("v1", "Pod", hostile(r), hostile(r));
    JsonPointer path = JsonPointer.of("spec", hostile(r));
    Finding f =
        new Finding(
            "KOR-0001",
            SampleReports.PRIVILEGED.title(),
            SampleReports.PRIVILEGED.severity(),
            ref,
            path,
            Optional.of(new SourceLocation("dir/" + hostile(r) + ".yaml", 3, 5)),
            message,
            SampleReports.PRIVILEGED.remediation(),
            Finding.fingerprint("KOR-0001", ref, path),
            List.of("cis"),
            FindingStatus.FAIL,
            hostile(r),
            List.of());
    return new Report(
        SampleReports.TOOL,
        Summary.of(1, List.of(f)),
        List.of(f),
        List.of(),
        List.of(ScanError.error(hostile(r), 2, hostile(r))),
        List.of(),
        List.of(SampleReports.PRIVILEGED),
        List.of(new Resource(ref, hostile(r))),
        List.of(ReportSection.table("x", hostile(r), List.of("A"), List.of(List.of(hostile(r))))));
  }

  private static String render(Format format, Report report) throws IOException {
    StringWriter out = new StringWriter();
    ReportWriters.forFormat(format, WriterOptions.PLAIN).write(report, out);
    return out.toString();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void sarifAndJsonCarryTheTextExactly(long seed) throws IOException {
    Random r = new Random(seed);
    String message = hostile(r);
    Report report = report(r, message);
    JsonNode sarif = JsonOutput.mapper().readTree(render(Format.SARIF, report));
    assertThat(sarif.at("/runs/0/results/0/message/text").asString()).isEqualTo(message);
    JsonNode json = JsonOutput.mapper().readTree(render(Format.JSON, report));
    assertThat(json.at("/findings/0/message").asString()).isEqualTo(message);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void junitParsesAndKeepsEveryCharacterXmlAllows(long seed) throws Exception {
    Random r = new Random(seed);
    String message = hostile(r);
    String xml = render(Format.JUNIT, report(r, message));
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo(xmlVisible(message));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void htmlHasOnlyKordonsOwnTags(long seed) throws IOException {
    Random r = new Random(seed);
    String html = render(Format.HTML, report(r, hostile(r)));
    Set<String> allowed =
        Set.of(
            "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "main",
            "section", "div", "span", "table", "thead", "tbody", "tr", "th", "td", "details",
            "summary", "strong", "ul", "li", "code", "em", "label", "input", "script");
    Matcher tag = Pattern.compile("<(/?)([^\\s>/]*)").matcher(html);
    while (tag.find()) {
      String name = tag.group(2);
      if (!name.equals("!DOCTYPE")) {
        assertThat(allowed).as("tag <%s%s>", tag.group(1), name).contains(name);
      }
    }
    assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(1);
    assertThat(html.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t').count()).isZero();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void markdownRowsKeepTheirColumns(long seed) throws IOException {
    Random r = new Random(seed);
    String md = render(Format.MARKDOWN, report(r, hostile(r)));
    for (String line : md.split("\n", -1)) {
      if (line.startsWith("| KOR-0001 ")) {
        assertThat(unescaped(line, '|')).as(line).isEqualTo(5);
        assertThat(unescaped(line, '`')).as(line).isZero();
        assertThat(line.replace("<br>", "")).as(line).doesNotContain("<");
      }
    }
    assertThat(md.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void tableNeverEmitsControlCharacters(long seed) throws IOException {
    Random r = new Random(seed);
    String table = render(Format.TABLE, report(r, hostile(r)));
    assertThat(table.chars().filter(c -> Character.isISOControl(c) && c != '\n').count()).isZero();
  }

  /** Occurrences of {@code ch} not preceded by an odd number of backslashes. */
  private static int unescaped(String line, char ch) {
    int count = 0;
    int backslashes = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ch && backslashes % 2 == 0) {
        count++;
      }
      backslashes = c == '\\' ? backslashes + 1 : 0;
    }
    return count;
  }

  /**
   * The text as XML 1.0 can carry it, without bidirectional overrides and without C1 controls
   * (U+009B is an 8-bit terminal escape: SafeText's rule drops it from every format).
   */
  private static String xmlVisible(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints()
        .filter(
            cp ->
                (cp == 0x9
                        || cp == 0xA
                        || cp == 0xD
                        || cp >= 0x20 && cp <= 0xD7FF
                        || cp >= 0xE000 && cp <= 0xFFFD
                        || cp >= 0x10000)
                    && !(cp >= 0x7F && cp <= 0x9F)
                    && !(cp >= 0x202A && cp <= 0x202E)
                    && !(cp >= 0x2066 && cp <= 0x2069))
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
