package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ControlsCommandTest {

  @Test
  void listAsJsonGivesEveryControlWithItsReferenceFields() {
    CliRun run = CliRun.of("controls", "list", "--format", "json");
    assertThat(run.code()).isZero();
    JsonNode list =
        JsonMapper.builder().build().readTree(run.out()).path("sections").get(0).path("data");
    assertThat(list.size()).isEqualTo(ControlsCommand.infos().size());
    JsonNode first = list.get(0);
    for (String field :
        List.of(
            "id",
            "title",
            "severity",
            "kinds",
            "cis",
            "nsa",
            "pss",
            "mitre",
            "kubescape",
            "trivy")) {
      assertThat(first.has(field)).as(field).isTrue();
    }
  }

  @Test
  void listAsTableNamesEveryControl() {
    CliRun run = CliRun.of("controls", "list");
    for (var info : Catalog.builtIn().infos()) {
      assertThat(run.out()).contains(info.id());
    }
  }

  @Test
  void explainPrintsMetadataAndTheBundledProse() {
    CliRun run = CliRun.of("controls", "explain", "kor-0001");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("KOR-0001")
        .contains("severity: critical")
        .contains("kubescape: C-0057")
        .contains("## How to fix");
  }

  @Test
  void explainUnknownIdExitsTwo() {
    CliRun run = CliRun.of("controls", "explain", "KOR-9999");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("KOR-9999");
  }
}
