package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.kordon.control.Catalog;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import dev.kordon.testing.SharedCorpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The SARIF writer's output validates against the OASIS SARIF 2.1.0 schema, for a real scan of the
 * insecure example and for the sample report that carries suppressions and notifications.
 */
class SarifSchemaTest {

  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    Path dir = SharedCorpus.require("reference/schemas");
    JsonNode tree =
        JsonOutput.mapper().readTree(Files.readString(dir.resolve("sarif-schema-2.1.0.json")));
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(tree);
  }

  static Report scanInsecureExample() {
    Path examples = Path.of("..", "examples", "insecure");
    assertThat(examples).as("the shipped example at the repository root").isDirectory();
    ReadResult read =
        new FileSource().read(List.of(examples.toString()), new ByteArrayInputStream(new byte[0]));
    Engine engine =
        new Engine(
            Catalog.builtIn(),
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 1, 1)).sequential());
    return engine.scan(Snapshot.of(read.objects()), read.problems());
  }

  private static JsonNode sarif(Report report) throws IOException {
    StringWriter out = new StringWriter();
    ReportWriters.forFormat(Format.SARIF, WriterOptions.PLAIN).write(report, out);
    return JsonOutput.mapper().readTree(out.toString());
  }

  private static void assertValid(JsonNode sarif) {
    List<Error> errors = schema.validate(sarif);
    assertThat(errors).as("SARIF schema violations").isEmpty();
  }

  @Test
  void aRunCappedAt25000ResultsIsValidSarif() throws IOException {
    JsonNode sarif = sarif(SampleReports.large(30_000));
    assertValid(sarif);
    assertThat(sarif.at("/runs/0/results").size()).isEqualTo(25_000);
    assertThat(sarif.at("/runs/0/properties/resultsLeftOut").asInt()).isEqualTo(5_000);
  }

  @Test
  void scanOfInsecureExampleIsValidSarif() throws IOException {
    Report report = scanInsecureExample();
    assertThat(report.errors()).as("the example reads cleanly").isEmpty();
    assertThat(report.findings()).as("the insecure example has findings").isNotEmpty();
    JsonNode sarif = sarif(report);
    assertValid(sarif);
    assertConsistent(report, sarif);
    for (JsonNode result : sarif.at("/runs/0/results")) {
      JsonNode artifact = result.at("/locations/0/physicalLocation/artifactLocation");
      assertThat(artifact.path("uri").asString()).doesNotStartWith("/").doesNotContain("\\");
      assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isPositive();
    }
  }

  @Test
  void sampleWithSuppressionsNotificationsAndLogicalLocationsIsValidSarif() throws IOException {
    Report report = SampleReports.mixed();
    JsonNode sarif = sarif(report);
    assertValid(sarif);
    assertConsistent(report, sarif);
    assertValid(sarif(SampleReports.clean()));
  }

  @Test
  void schemaCheckCanFail() throws IOException {
    tools.jackson.databind.node.ObjectNode broken =
        (tools.jackson.databind.node.ObjectNode) sarif(SampleReports.mixed());
    broken.put("version", "2.0.0");
    ((tools.jackson.databind.node.ObjectNode) broken.at("/runs/0/results/0")).put("level", "fatal");
    assertThat(schema.validate(broken)).as("a wrong version and level are caught").hasSize(2);
  }

  /** Rules, indexes, levels, fingerprints and suppressions agree with the report. */
  private static void assertConsistent(Report report, JsonNode sarif) {
    JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
    JsonNode results = sarif.at("/runs/0/results");
    assertThat(results.size()).isEqualTo(report.findings().size());
    for (int i = 0; i < results.size(); i++) {
      JsonNode r = results.get(i);
      Finding f = report.findings().get(i);
      assertThat(r.path("ruleId").asString()).isEqualTo(f.controlId());
      assertThat(rules.get(r.path("ruleIndex").asInt()).path("id").asString())
          .isEqualTo(f.controlId());
      assertThat(r.at("/partialFingerprints").values().iterator().next().asString())
          .isEqualTo(f.fingerprint());
      assertThat(r.has("suppressions")).isEqualTo(!f.failed());
      if (!f.failed()) {
        assertThat(r.at("/suppressions/0/justification").asString()).isEqualTo(f.note());
      }
      assertThat(r.at("/locations/0").has("physicalLocation")).isEqualTo(f.location().isPresent());
    }
    for (JsonNode rule : rules) {
      String sev = rule.at("/properties/security-severity").asString();
      assertThat(Double.parseDouble(sev)).isBetween(0.1, 10.0);
    }
    assertThat(sarif.at("/runs/0/invocations/0/executionSuccessful").asBoolean())
        .isEqualTo(report.errors().isEmpty());
    assertThat(sarif.at("/runs/0/invocations/0/toolExecutionNotifications").size())
        .isEqualTo(report.errors().size() + report.notes().size());
  }
}
