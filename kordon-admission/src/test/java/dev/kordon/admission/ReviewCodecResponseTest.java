package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.admission.Decision.Hit;
import dev.kordon.admission.Decision.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response written straight to the generator is the tree's response, byte for byte. */
class ReviewCodecResponseTest {

  private final ReviewCodec codec = new ReviewCodec();

  private void assertSameBytes(String uid, Decision d) {
    byte[] direct = codec.response(uid, d);
    assertThat(new String(direct, StandardCharsets.UTF_8))
        .isEqualTo(new String(codec.responseTree(uid, d), StandardCharsets.UTF_8));
    assertThat(direct).isEqualTo(codec.responseTree(uid, d));
  }

  @Test
  void everyShapeOfDecisionIsWrittenAsTheTreeWritesIt() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("pod-security-enforce-policy", "baseline:latest");
    annotations.put("audit-violations", "KOR-0001 \"quoted\" \\ back\tslash");
    annotations.put("excepted", "KOR-0002 (reason: é ü 中文 \uD83D\uDE00)");
    List<Decision> decisions =
        List.of(
            Decision.skipped("DELETE is not evaluated"),
            Decision.exempt("namespace kube-system is exempt"),
            new Decision(
                Outcome.DENIED,
                "",
                List.of("KOR-0001 container \"app\" sets privileged", "second\nline \u0001 ctl"),
                List.of("would violate PodSecurity \"restricted:latest\": runAsNonRoot", "w2"),
                annotations,
                List.of(new Hit("KOR-0001", Mode.ENFORCE)),
                403),
            new Decision(
                Outcome.ERROR,
                "why",
                List.of("kordon could not evaluate (denied: failureMode is deny)"),
                List.of(),
                Map.of(),
                List.of(),
                500),
            new Decision(
                Outcome.ALLOWED,
                "",
                List.of(),
                List.of("only a warning </script>"),
                Map.of(),
                List.of(),
                403));
    for (Decision d : decisions) {
      assertSameBytes("705ab4f5-6393-11e8-b7cc-42010a800002", d);
      assertSameBytes("uid with \"quotes\" and \u2028", d);
    }
  }

  @Test
  void realReviewsOfTheDefaultPolicyAreWrittenAsTheTreeWritesThem() {
    Reviewer reviewer = ReviewerTest.reviewer("");
    List<String> objects =
        new ArrayList<>(
            List.of(
                Reviews.PRIVILEGED_POD,
                Reviews.HOST_NETWORK_POD,
                Reviews.RESTRICTED_POD,
                Reviews.PLAIN_POD,
                Reviews.PRIVILEGED_DEPLOYMENT));
    for (String yaml : objects) {
      AdmissionRequest r = codec.parse(Reviews.bytes(Reviews.review(yaml, "shop", "CREATE")));
      Decision d = reviewer.review(r);
      assertSameBytes(r.uid(), d);
    }
  }
}
