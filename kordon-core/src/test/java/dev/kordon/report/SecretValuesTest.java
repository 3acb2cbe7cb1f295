package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * No report format ever carries a Secret's values: not from {@code data} (base64), not from {@code
 * stringData}, not from kubectl's last-applied copy, even when a careless control copies every
 * value it sees into its messages.
 */
class SecretValuesTest {

  private static final String PLAIN = "correct-horse-battery-staple-42";
  private static final String TOKEN = "tok3n-Zq8vX1pL0mN7";
  private static final String B64 =
      Base64.getEncoder().encodeToString(PLAIN.getBytes(StandardCharsets.UTF_8));
  private static final String LAST_APPLIED_B64 =
      Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));

  private static final String SECRET =
      String.join(
          "\n",
          "apiVersion: v1",
          "kind: Secret",
          "metadata:",
          "  name: db-credentials",
          "  namespace: shop",
          "  annotations:",
          "    kubectl.kubernetes.io/last-applied-configuration: |",
          "      {\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"data\":{\"password\":\""
              + B64
              + "\"},",
          "       \"stringData\":{\"token\":\""
              + TOKEN
              + "\",\"t64\":\""
              + LAST_APPLIED_B64
              + "\"}}",
          "type: Opaque",
          "data:",
          "  password: " + B64,
          "stringData:",
          "  token: " + TOKEN,
          "  url: postgres://app:" + PLAIN + "@db:5432/shop",
          "");

  /** A control that echoes every value of every Secret field: the worst a control could do. */
  private static final class CarelessControl implements ObjectControl {
    static final ControlInfo INFO =
        ControlInfo.builder("KOR-9999")
            .title("Careless echo")
            .severity(Severity.HIGH)
            .description("Test control that copies Secret values into messages.")
            .remediation("Never do this.")
            .kinds("Secret")
            .build();

    @Override
    public ControlInfo info() {
      return INFO;
    }

    @Override
    public List<Finding> check(KubeObject object, Snapshot snapshot) {
      List<Finding> out = new ArrayList<>();
      for (String field : List.of("data", "stringData")) {
        for (Map.Entry<String, JsonNode> e : object.raw().path(field).properties()) {
          out.add(
              INFO.finding(
                  object,
                  JsonPointer.of(field, e.getKey()),
                  "value of " + e.getKey() + " is " + e.getValue().asString("")));
        }
      }
      for (Map.Entry<String, String> a : object.annotations().entrySet()) {
        out.add(
            INFO.finding(
                object,
                JsonPointer.of("metadata", "annotations", a.getKey()),
                "annotation " + a.getKey() + " = " + a.getValue()));
      }
      return out;
    }
  }

  @ParameterizedTest
  // dot draws an analyzer's graph sections only; a scan report has none to leak or to name
  @EnumSource(value = Format.class, names = "DOT", mode = EnumSource.Mode.EXCLUDE)
  void noFormatContainsSecretValues(Format format) throws IOException {
    ReadResult read = new ManifestReader().read("secret.yaml", SECRET);
    assertThat(read.objects()).hasSize(1);
    Engine engine =
        new Engine(
            Catalog.builtIn().plus(List.of(new CarelessControl())),
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 1, 1)).sequential());
    Report report = engine.scan(Snapshot.of(read.objects()), read.problems());
    assertThat(report.findings())
        .as("the careless control did run and echo what it saw")
        .anyMatch(f -> f.message().contains(ManifestReader.REDACTED));

    StringWriter out = new StringWriter();
    ReportWriters.forFormat(format, WriterOptions.PLAIN).write(report, out);
    String text = out.toString();
    for (String value : List.of(PLAIN, B64, TOKEN, LAST_APPLIED_B64, "battery-staple")) {
      assertThat(text).as("%s output", format.word()).doesNotContain(value);
    }
    assertThat(text).as("%s output names the Secret", format.word()).contains("db-credentials");
  }
}
