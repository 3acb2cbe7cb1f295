package dev.kordon.report.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.Evidence;
import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.Severity;
import dev.kordon.model.SourceLocation;
import dev.kordon.report.JsonOutput;
import dev.kordon.report.Report;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import dev.kordon.testing.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON writer writes each finding straight to the generator; the bytes must be those of the
 * finding's tree ({@link JsonReportWriter#finding(Finding)}) written in its place, which is what
 * the writer did before. Checked on findings of every shape and on the real-world corpus's report.
 */
class JsonReportWriterStreamingTest {

  private static final ObjectRef POD = new ObjectRef("v1", "Pod", "team-a", "web \"x\"");
  private static final ObjectRef NODE = new ObjectRef("v1", "Node", "", "n1");

  /** The report as the writer writes it. */
  private static String streamed(Report report) throws IOException {
    StringWriter out = new StringWriter();
    new JsonReportWriter().write(report, out);
    return out.toString();
  }

  /** The report with its findings built as one tree each, as the writer did before streaming. */
  private static String fromTrees(Report report) throws IOException {
    ObjectNode root = JsonReportWriter.toJson(report);
    ArrayNode findings = JsonOutput.NODES.arrayNode();
    report.findings().forEach(f -> findings.add(JsonReportWriter.finding(f)));
    root.set("findings", findings);
    StringWriter out = new StringWriter();
    JsonOutput.write(root, out);
    return out.toString();
  }

  private static Finding finding(ObjectRef ref, Optional<SourceLocation> at, String message) {
    JsonPointer path = JsonPointer.of("spec", "containers", "0", "a/b~c");
    return new Finding(
        "KOR-0001",
        "Privileged container",
        Severity.CRITICAL,
        ref,
        path,
        at,
        message,
        "Set securityContext.privileged to false.",
        Finding.fingerprint("KOR-0001", ref, path),
        List.of("nsa", "cis"),
        FindingStatus.FAIL,
        "",
        List.of());
  }

  private static Report report(List<Finding> findings) {
    return new Report(
        Report.Tool.KORDON,
        dev.kordon.report.Summary.of(2, findings),
        findings,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void everyShapeOfFindingIsWrittenAsItsTree() throws IOException {
    Evidence evidence =
        new Evidence(
            List.of("a1", "a2"),
            2,
            "alice",
            List.of("system:authenticated"),
            "",
            List.of("10.0.0.1"),
            "kubectl/1.31",
            new Evidence.Target("", "secrets", "", "team-a", "db"),
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:01:00Z");
    Finding located =
        finding(POD, Optional.of(new SourceLocation("dir/pod\u00e9.yaml", 12, 7)), "tab\there");
    Finding audit = finding(POD, Optional.empty(), "read \"db\"");
    audit =
        new Finding(
            audit.controlId(),
            audit.title(),
            audit.severity(),
            audit.resource(),
            audit.path(),
            audit.location(),
            audit.message(),
            audit.remediation(),
            audit.fingerprint(),
            audit.frameworks(),
            audit.status(),
            audit.note(),
            List.of("mitre:T1552"),
            evidence);
    List<Finding> all =
        List.of(
            located,
            located.withStatus(
                FindingStatus.EXCEPTED, "accepted until 2027 \u2028 (exceptions.yaml)"),
            finding(NODE, Optional.empty(), "no location, no namespace").withFrameworks(List.of()),
            audit,
            // the same control with other lists, then as before; another object of the same file
            located.withFrameworks(List.of("cis")),
            located,
            finding(NODE, located.location(), "same file, another object"));

    String written = streamed(report(all));

    assertThat(written).isEqualTo(fromTrees(report(all)));
    assertThat(written)
        .contains("\"auditIds\"")
        .contains("\"note\"")
        .contains("\"location\" : null");
  }

  @Test
  void anEmptyReportIsWrittenAsItsTree() throws IOException {
    assertThat(streamed(report(List.of()))).isEqualTo(fromTrees(report(List.of())));
  }

  @Test
  void theRealWorldReportIsWrittenAsItsTrees() throws IOException {
    Path corpus = SharedCorpus.require("corpora/real-world");
    ReadResult read =
        new FileSource().read(List.of(corpus.toString()), InputStream.nullInputStream());
    Report report =
        new Engine(
                Catalog.builtIn(),
                Framework.builtIn(),
                EngineOptions.defaults(LocalDate.of(2026, 6, 1)))
            .scan(Snapshot.of(read.objects()), read.problems());
    assertThat(report.findings()).hasSizeGreaterThan(25_000);

    assertThat(streamed(report)).isEqualTo(fromTrees(report));
  }
}
