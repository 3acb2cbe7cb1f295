package dev.kordon.server;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.kordon.report.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON report's published schema ({@code schemas/kordon-report.schema.json} in kordon-core,
 * described in docs/json.md): the shape an upload must have before its meaning (counts that agree,
 * a full rather than filtered report) is checked by {@link ReportParser}.
 */
final class ReportSchema {

  /** Violations named in one refusal; the rest are counted. */
  static final int SHOWN = 5;

  private static final Schema SCHEMA = load();

  private ReportSchema() {}

  private static Schema load() {
    try (InputStream in =
        ReportSchema.class.getResourceAsStream("/schemas/kordon-report.schema.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "schemas/kordon-report.schema.json is not on the classpath");
      }
      JsonNode tree = JsonMapper.builder().build().readTree(in);
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Refuses a report that does not match the schema, naming where and why. */
  static void check(JsonNode report) throws InvalidReport {
    List<Error> errors = SCHEMA.validate(report);
    if (errors.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder("not a valid Kordon report: ");
    for (int i = 0; i < Math.min(SHOWN, errors.size()); i++) {
      Error e = errors.get(i);
      String at = e.getInstanceLocation().toString();
      message
          .append(i == 0 ? "" : "; ")
          .append(SafeText.line(at.isEmpty() ? "/" : at))
          .append(": ")
          .append(SafeText.line(e.getMessage()));
    }
    if (errors.size() > SHOWN) {
      message.append("; and ").append(errors.size() - SHOWN).append(" more");
    }
    throw new InvalidReport(message.toString());
  }
}
