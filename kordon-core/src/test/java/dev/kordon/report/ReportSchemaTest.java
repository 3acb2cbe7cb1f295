package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON report's published schema ({@code schemas/kordon-report.schema.json}, which the server
 * validates uploads with) accepts what the JSON writer really writes, and refuses what it must.
 */
class ReportSchemaTest {

  private static Schema schema;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        ReportSchemaTest.class.getResourceAsStream("/schemas/kordon-report.schema.json")) {
      assertThat(in).as("the schema ships in kordon-core").isNotNull();
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(JsonOutput.mapper().readTree(in));
    }
  }

  private static JsonNode json(Report report) throws IOException {
    StringWriter out = new StringWriter();
    ReportWriters.forFormat(Format.JSON, WriterOptions.PLAIN).write(report, out);
    return JsonOutput.mapper().readTree(out.toString());
  }

  @Test
  void aRealScanAndTheSampleReportsAreValid() throws IOException {
    for (Report report :
        List.of(
            SarifSchemaTest.scanInsecureExample(),
            SampleReports.mixed(),
            SampleReports.clean(),
            SampleReports.large(2_000))) {
      List<Error> errors = schema.validate(json(report));
      assertThat(errors).as("schema violations").isEmpty();
    }
  }

  @Test
  void wrongTypesAndWordsAreCaughtWithTheirPlace() throws IOException {
    ObjectNode broken = (ObjectNode) json(SampleReports.mixed());
    ((ObjectNode) broken.at("/findings/0")).put("severity", "fatal");
    ((ObjectNode) broken.at("/summary")).put("objects", -1);
    ((ObjectNode) broken.at("/findings/1")).remove("fingerprint");
    List<Error> errors = schema.validate(broken);
    assertThat(errors)
        .extracting(e -> e.getInstanceLocation().toString())
        .contains("/findings/0/severity", "/summary/objects", "/findings/1");
  }
}
