package dev.kordon.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A check runs once per pod view, whoever asks: the webhook's enforce, warn and audit levels, the
 * scan's Pod Security controls and the catalog controls that report a check read the same results.
 */
class PerPodChecksTest {

  private static PodSpecView pod(String json) {
    KubeObject o =
        KubeObject.of(new JsonMapper().readTree(json), new Origin.Request("test object"));
    return PodSpecView.of(o).orElseThrow();
  }

  private static final String DEPLOYMENT =
      "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\"},"
          + "\"spec\":{\"template\":{\"spec\":{"
          + "\"initContainers\":[{\"name\":\"init\",\"securityContext\":{\"privileged\":true}}],"
          + "\"containers\":[{\"name\":\"app\",\"securityContext\":{\"privileged\":true}},"
          + "{\"name\":\"side\"}],"
          + "\"ephemeralContainers\":[{\"name\":\"debug\"}]}}}}";

  @Test
  void aCheckAskedAtSeveralLevelsAndAloneRunsOncePerPod() {
    AtomicInteger runs = new AtomicInteger();
    PodCheck counting =
        p -> {
          runs.incrementAndGet();
          return Privileged.v1_0(p);
        };
    PssEvaluator evaluator =
        new PssEvaluator(
            List.of(
                new PssCheck(
                    "privileged",
                    PssLevel.BASELINE,
                    "privileged",
                    List.of(new VersionedPssCheck(PssVersion.of(0), counting, List.of())))));
    PodSpecView pod = pod(DEPLOYMENT);

    PssResult baseline = evaluator.evaluate(PssLevel.BASELINE, PssVersion.LATEST, pod);
    PssResult restricted = evaluator.evaluate(PssLevel.RESTRICTED, PssVersion.of(25), pod);
    PssViolation alone =
        evaluator.evaluateCheck("privileged", PssVersion.LATEST, pod).orElseThrow();

    assertThat(runs).hasValue(1);
    assertThat(baseline.violations()).containsExactly(alone);
    assertThat(restricted.violations()).containsExactly(alone);
    assertThat(alone.fields())
        .extracting(OffendingField::path)
        .containsExactly(
            JsonPointer.parse("/spec/template/spec/initContainers/0/securityContext/privileged"),
            JsonPointer.parse("/spec/template/spec/containers/0/securityContext/privileged"));

    // another view of the same object starts afresh: results live with the view
    evaluator.evaluate(PssLevel.BASELINE, PssVersion.LATEST, pod(DEPLOYMENT));
    assertThat(runs).hasValue(2);
  }

  @Test
  void theBuiltInEvaluatorsShareTheirChecksAndSoTheirResults() {
    PodSpecView pod = pod(DEPLOYMENT);
    PssResult first = PssEvaluator.builtIn().evaluate(PssLevel.RESTRICTED, PssVersion.LATEST, pod);
    PssResult second = PssEvaluator.builtIn().evaluate(PssLevel.RESTRICTED, PssVersion.LATEST, pod);
    assertThat(second.violations()).isEqualTo(first.violations());
    for (int i = 0; i < first.violations().size(); i++) {
      // the same list, not an equal one computed again
      assertThat(second.violations().get(i).fields()).isSameAs(first.violations().get(i).fields());
    }
  }

  @Test
  void derivedValuesAreComputedOncePerKeyAndMustExist() {
    PodSpecView pod = pod(DEPLOYMENT);
    AtomicInteger runs = new AtomicInteger();
    Object key = new Object();
    for (int i = 0; i < 3; i++) {
      assertThat(pod.<Integer>derived(key, p -> runs.incrementAndGet())).isEqualTo(1);
    }
    assertThat(pod.<Integer>derived(new Object(), p -> runs.incrementAndGet())).isEqualTo(2);
    assertThatThrownBy(() -> pod.derived(new Object(), p -> null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void containersComeInitRegularEphemeralAndCannotBeChanged() {
    PodSpecView pod = pod(DEPLOYMENT);
    assertThat(pod.allContainers())
        .extracting(ContainerView::describe)
        .containsExactly(
            "init container \"init\"",
            "container \"app\"",
            "container \"side\"",
            "ephemeral container \"debug\"");
    assertThat(pod.containers()).extracting(ContainerView::name).containsExactly("app", "side");
    assertThat(pod.allContainers().get(1).pointer())
        .isEqualTo(JsonPointer.parse("/spec/template/spec/containers/0"));
    assertThat(pod.allContainers()).isSameAs(pod.allContainers());
    assertThatThrownBy(() -> pod.allContainers().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(pod.at("containers", "1", "name").asString()).isEqualTo("side");
    assertThat(pod.at("containers", "x", "name").isMissingNode()).isTrue();
  }
}
