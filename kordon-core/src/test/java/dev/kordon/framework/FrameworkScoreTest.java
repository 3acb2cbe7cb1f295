package dev.kordon.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.framework.FrameworkScore.ControlScore;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameworkScoreTest {

  private static FrameworkScore of(ControlScore... controls) {
    return new FrameworkScore("cis", "CIS Kubernetes Benchmark", "v1.12.0", List.of(controls));
  }

  @Test
  void aControlThatJudgedNothingIsNeitherPassedNorFailed() {
    FrameworkScore fs =
        of(
            new ControlScore("KOR-0001", 3, 0), // passed
            new ControlScore("KOR-0002", 4, 1), // failed
            new ControlScore("KOR-0301", 0, 0), // a kubelet control in a manifest scan
            new ControlScore("KOR-0302", 0, 0));
    assertThat(fs.passed()).isEqualTo(1);
    assertThat(fs.failed()).isEqualTo(1);
    assertThat(fs.notEvaluated()).isEqualTo(2);
    // the score is over the 7 checks the two evaluated controls made: 6 passed
    assertThat(fs.score()).hasValue(85.7);
    assertThat(fs.percent()).isEqualTo("85.7%");
  }

  @Test
  void notEvaluatedControlsDoNotMoveTheScore() {
    FrameworkScore without = of(new ControlScore("KOR-0002", 4, 1));
    FrameworkScore with =
        of(new ControlScore("KOR-0002", 4, 1), new ControlScore("KOR-0301", 0, 0));
    assertThat(with.score()).isEqualTo(without.score()).hasValue(75.0);
  }

  @Test
  void aFrameworkThatJudgedNothingHasNoScore() {
    FrameworkScore fs = of(new ControlScore("KOR-0301", 0, 0));
    assertThat(fs.applicable()).isFalse();
    assertThat(fs.score()).isEmpty();
    assertThat(fs.percent()).isEqualTo("n/a");
    assertThat(fs.passed()).isZero();
    assertThat(fs.notEvaluated()).isEqualTo(1);
    assertThat(of().score()).isEmpty();
  }

  @Test
  void moreFailedThanJudgedResourcesIsRejected() {
    assertThatThrownBy(() -> new ControlScore("KOR-0001", 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KOR-0001");
  }
}
