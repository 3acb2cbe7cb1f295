package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The synthetic reviews of the start-up warm-up are real reviews that the default policy judges.
 */
class WarmUpTest {

  @Test
  void everySyntheticReviewIsJudgedWithoutError() {
    Reviewer reviewer = ReviewerTest.reviewer("");
    ReviewCodec codec = new ReviewCodec();
    int denied = 0;
    int allowed = 0;
    for (byte[] body : WarmUp.reviews()) {
      AdmissionRequest r = codec.parse(body);
      Decision d = reviewer.review(r);
      assertThat(d.outcome())
          .as(r.describe() + ": " + d.note())
          .isNotEqualTo(Decision.Outcome.ERROR);
      assertThat(codec.response(r.uid(), d)).isNotEmpty();
      if (d.outcome() == Decision.Outcome.DENIED) {
        denied++;
      } else if (d.outcome() == Decision.Outcome.ALLOWED) {
        allowed++;
      }
    }
    // both paths of the decision, the denial's message and the allowed response, are warmed
    assertThat(denied).isPositive();
    assertThat(allowed).isPositive();
  }

  @Test
  void stopsAtTheCountOrTheBudget() {
    Reviewer reviewer = ReviewerTest.reviewer("");
    ReviewCodec codec = new ReviewCodec();
    assertThat(WarmUp.run(reviewer, codec, Duration.ofMinutes(5), 20)).isEqualTo(20);
    assertThat(WarmUp.run(reviewer, codec, Duration.ZERO, 20)).isZero();
    assertThat(WarmUp.run(reviewer, codec, Duration.ofMinutes(5), 0)).isZero();
  }
}
