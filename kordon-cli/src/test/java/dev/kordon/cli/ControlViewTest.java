package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.report.JsonOutput;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code kordon scan --view controls}: kubescape's per-control summary, in the readable formats.
 */
class ControlViewTest {

  static final String EXAMPLES = Path.of("..", "examples").toString();

  @Test
  void tableShowsOneLinePerControlAndNoFindings() {
    CliRun r = CliRun.of("scan", EXAMPLES, "--view", "controls");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .containsPattern("^SEVERITY +CONTROL +TITLE +FAILED +RESOURCES +COMPLIANCE\n")
        .containsPattern("\ncritical  KOR-\\d{4} +Privileged container +1 +11 +90\\.9%\n")
        .doesNotContain("How to fix: kordon controls explain <ID>\n\n");
    assertThat(r.out().lines().filter(l -> l.matches("(critical|high|medium|low) .*")))
        .as("one line per control")
        .hasSizeGreaterThan(50);
  }

  @Test
  void jsonCarriesTheControlsAndLeavesTheFindingsOut() throws Exception {
    CliRun r = CliRun.of("scan", EXAMPLES, "--view", "controls", "--format", "json");
    JsonNode json = JsonOutput.mapper().readTree(r.out());
    assertThat(json.path("view").asString()).isEqualTo("controls");
    assertThat(json.has("findings")).isFalse();
    assertThat(json.path("controls").size()).isGreaterThan(50);
    assertThat(json.path("controls").get(0).path("severity").asString()).isEqualTo("critical");
  }

  @Test
  void theDefaultViewIsFindings() throws Exception {
    JsonNode json =
        JsonOutput.mapper().readTree(CliRun.of("scan", EXAMPLES, "--format", "json").out());
    assertThat(json.path("findings").size()).isPositive();
    assertThat(json.path("controls").size()).as("the control view rides along").isPositive();
    assertThat(json.has("view")).isFalse();
  }

  @Test
  void formatsWithoutAControlViewAreRefusedWithTheList() {
    CliRun r = CliRun.of("scan", EXAMPLES, "--view", "controls", "--format", "sarif");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith(
            "kordon: --format sarif is not available for 'scan --view controls'"
                + " (use table, json, markdown, html)");
  }

  @Test
  void anUnknownViewIsRefused() {
    CliRun r = CliRun.of("scan", EXAMPLES, "--view", "resources");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--view: unknown view 'resources' (use findings, controls)");
  }
}
