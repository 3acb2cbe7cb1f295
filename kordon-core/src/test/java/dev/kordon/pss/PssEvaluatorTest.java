package dev.kordon.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.model.JsonPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The evaluator's contract: versions, clamping, overrides, registry validation, messages. */
class PssEvaluatorTest {

  private static final PssEvaluator EVALUATOR = PssEvaluator.builtIn();

  @Test
  void latestIsTheNewestVersionAnyCheckDefines() {
    assertThat(EVALUATOR.newest()).isEqualTo(PssVersion.of(37));
    assertThat(EVALUATOR.effective(PssVersion.LATEST)).isEqualTo(PssVersion.of(37));
    assertThat(EVALUATOR.effective(PssVersion.of(40))).isEqualTo(PssVersion.of(37));
    assertThat(EVALUATOR.effective(PssVersion.of(22))).isEqualTo(PssVersion.of(22));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.30", "v2.0", "v1", "v1.", "v1.x", "v1.01", "Latest", "v1.30 "})
  void unparsableVersionsAreErrors(String text) {
    assertThatThrownBy(() -> PssVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected latest or v1.<minor>");
  }

  @Test
  void versionsParseAndPrint() {
    assertThat(PssVersion.parse("v1.0")).isEqualTo(PssVersion.of(0));
    assertThat(PssVersion.parse("v1.30").toString()).isEqualTo("v1.30");
    assertThat(PssVersion.parse("latest")).isEqualTo(PssVersion.LATEST);
    assertThat(PssVersion.LATEST).isGreaterThan(PssVersion.of(999));
  }

  @Test
  void levelLabelsThatAreNotLevelsMeanRestricted() {
    assertThat(PssLevel.fromLabel("baseline")).isEqualTo(PssLevel.BASELINE);
    assertThat(PssLevel.fromLabel("Baseline")).isEqualTo(PssLevel.RESTRICTED);
    assertThat(PssLevel.fromLabel("")).isEqualTo(PssLevel.RESTRICTED);
  }

  @Test
  void restrictedAt122And130DifferExactlyWhereUpstreamDoes() {
    assertThat(EVALUATOR.checkIds(PssLevel.RESTRICTED, PssVersion.of(22)))
        .containsExactly(
            "appArmorProfile",
            "hostNamespaces",
            "hostPorts",
            "privileged",
            "procMount",
            "seLinuxOptions",
            "sysctls",
            "windowsHostProcess",
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "restrictedVolumes",
            "runAsNonRoot",
            "seccompProfile_restricted");
    // 1.23 adds runAsUser; 1.25 exempts Windows pods; later revisions change logic only
    assertThat(EVALUATOR.checkIds(PssLevel.RESTRICTED, PssVersion.of(30)))
        .containsExactlyElementsOf(
            concat(EVALUATOR.checkIds(PssLevel.RESTRICTED, PssVersion.of(22)), "runAsUser"));
    assertThat(EVALUATOR.checkIds(PssLevel.BASELINE, PssVersion.of(0))).hasSize(11);
    assertThat(EVALUATOR.checkIds(PssLevel.BASELINE, PssVersion.of(34)))
        .contains("hostProbesAndHostLifecycle");
    assertThat(EVALUATOR.checkIds(PssLevel.PRIVILEGED, PssVersion.LATEST)).isEmpty();
  }

  private static List<String> concat(List<String> ids, String... more) {
    List<String> all = new ArrayList<>(ids);
    all.addAll(List.of(more));
    return all.stream()
        .sorted(
            (a, b) ->
                Integer.compare(
                    EVALUATOR.checks().indexOf(EVALUATOR.check(a).orElseThrow()),
                    EVALUATOR.checks().indexOf(EVALUATOR.check(b).orElseThrow())))
        .toList();
  }

  @Test
  void registryRejectsDuplicatesAndBadOverrides() {
    PssCheck ok =
        new PssCheck("a", PssLevel.BASELINE, "a", List.of(VersionedPssCheck.of(0, p -> List.of())));
    assertThatThrownBy(() -> new PssEvaluator(List.of(ok, ok)))
        .hasMessageContaining("duplicate PSS check id a");
    PssCheck unknown =
        new PssCheck(
            "b", PssLevel.RESTRICTED, "b", List.of(VersionedPssCheck.of(0, p -> List.of(), "zzz")));
    assertThatThrownBy(() -> new PssEvaluator(List.of(ok, unknown)))
        .hasMessageContaining("overrides unknown check zzz");
    PssCheck sameLevel =
        new PssCheck(
            "c", PssLevel.BASELINE, "c", List.of(VersionedPssCheck.of(0, p -> List.of(), "a")));
    assertThatThrownBy(() -> new PssEvaluator(List.of(ok, sameLevel)))
        .hasMessageContaining("lower level");
    assertThatThrownBy(
            () ->
                new PssCheck(
                    "d",
                    PssLevel.BASELINE,
                    "d",
                    List.of(
                        VersionedPssCheck.of(5, p -> List.of()),
                        VersionedPssCheck.of(5, p -> List.of()))))
        .hasMessageContaining("ascending");
  }

  @Test
  void violationsNameCheckContainerFieldAndAlternative() {
    PssResult r =
        EVALUATOR
            .evaluate(
                PssLevel.BASELINE,
                PssVersion.LATEST,
                PodBuilder.baseline()
                    .set("/spec/initContainers/0/securityContext/privileged", true)
                    .build())
            .orElseThrow();
    assertThat(r.violations()).hasSize(1);
    PssViolation v = r.violations().get(0);
    assertThat(v.check()).isEqualTo("privileged");
    assertThat(v.message())
        .isEqualTo(
            "privileged: init container \"init\" sets securityContext.privileged: true (allowed:"
                + " false or unset)");
    assertThat(v.paths())
        .containsExactly(JsonPointer.parse("/spec/initContainers/0/securityContext/privileged"));
  }

  @Test
  void ephemeralContainersAreChecked() {
    PssResult r =
        EVALUATOR
            .evaluate(
                PssLevel.RESTRICTED,
                PssVersion.LATEST,
                PodBuilder.restricted()
                    .set("/spec/ephemeralContainers/0/name", "debug")
                    .set("/spec/ephemeralContainers/0/image", "busybox")
                    .build())
            .orElseThrow();
    assertThat(r.failedChecks())
        .containsExactly("allowPrivilegeEscalation", "capabilities_restricted");
    assertThat(r.violations().get(0).message()).contains("ephemeral container \"debug\"");
  }

  @Test
  void containerSettingOverridesPodSetting() {
    PodBuilder pod =
        PodBuilder.restricted().set("/spec/containers/0/securityContext/runAsNonRoot", false);
    assertThat(
            EVALUATOR
                .evaluate(PssLevel.RESTRICTED, PssVersion.LATEST, pod.build())
                .orElseThrow()
                .failedChecks())
        .containsExactly("runAsNonRoot");
    PodBuilder perContainer =
        PodBuilder.restricted()
            .remove("/spec/securityContext/runAsNonRoot")
            .set("/spec/containers/0/securityContext/runAsNonRoot", true);
    // the init container inherits nothing: it is still unset
    PssResult r =
        EVALUATOR
            .evaluate(PssLevel.RESTRICTED, PssVersion.LATEST, perContainer.build())
            .orElseThrow();
    assertThat(r.failedChecks()).containsExactly("runAsNonRoot");
    assertThat(r.violations().get(0).paths())
        .containsExactly(JsonPointer.parse("/spec/initContainers/0/securityContext/runAsNonRoot"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "ReplicaSet",
        "ReplicationController",
        "Job",
        "CronJob",
        "PodTemplate"
      })
  void everyWorkloadKindIsJudgedThroughItsPodTemplate(String kind) {
    dev.kordon.model.KubeObject pod =
        PodBuilder.baseline()
            .set(
                "/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app",
                "unconfined")
            .set("/spec/hostPID", true)
            .build();
    PssResult bare = EVALUATOR.evaluate(PssLevel.BASELINE, PssVersion.LATEST, pod).orElseThrow();
    PssResult wrapped =
        EVALUATOR.evaluate(PssLevel.BASELINE, PssVersion.LATEST, wrap(pod, kind)).orElseThrow();
    assertThat(wrapped.failedChecks())
        .isEqualTo(bare.failedChecks())
        .containsExactly("appArmorProfile", "hostNamespaces");
    String template =
        switch (kind) {
          case "CronJob" -> "/spec/jobTemplate/spec/template";
          case "PodTemplate" -> "/template";
          default -> "/spec/template";
        };
    assertThat(wrapped.violations().get(1).paths())
        .containsExactly(JsonPointer.parse(template + "/spec/hostPID"));
    assertThat(wrapped.violations().get(0).paths())
        .containsExactly(
            JsonPointer.parse(
                template
                    + "/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app"));
  }

  private static dev.kordon.model.KubeObject wrap(dev.kordon.model.KubeObject pod, String kind) {
    if (kind.equals("CronJob") || kind.equals("Deployment")) {
      return PssConformanceTest.wrap(pod, kind);
    }
    tools.jackson.databind.node.ObjectNode template = dev.kordon.report.JsonOutput.object();
    template.set("metadata", pod.raw().path("metadata").deepCopy());
    template.set("spec", pod.raw().path("spec").deepCopy());
    tools.jackson.databind.node.ObjectNode root = dev.kordon.report.JsonOutput.object();
    root.put("apiVersion", "v1").put("kind", kind);
    root.putObject("metadata").put("name", "w").put("namespace", "ns");
    if (kind.equals("PodTemplate")) {
      root.set("template", template);
    } else {
      root.putObject("spec").set("template", template);
    }
    return dev.kordon.model.KubeObject.of(root, pod.origin());
  }

  /** Random one-or-two-field edits of the restricted pod, from a fixed seed. */
  static Stream<PodBuilder> randomPods() {
    Random random = new Random(20260701L);
    List<String[]> edits =
        List.of(
            new String[] {"/spec/hostNetwork", "true"},
            new String[] {"/spec/containers/0/securityContext/privileged", "true"},
            new String[] {"/spec/containers/0/securityContext/runAsUser", "0"},
            new String[] {"/spec/containers/0/securityContext/allowPrivilegeEscalation", "true"},
            new String[] {"/spec/initContainers/0/securityContext/capabilities/add/0", "NET_RAW"},
            new String[] {"/spec/containers/0/securityContext/capabilities/add/0", "CHOWN"},
            new String[] {"/spec/securityContext/seccompProfile/type", "Unconfined"},
            new String[] {"/spec/securityContext/runAsNonRoot", "false"},
            new String[] {"/spec/volumes/0/hostPath/path", "/"},
            new String[] {"/spec/volumes/0/nfs/path", "/"},
            new String[] {"/spec/containers/0/ports/0/hostPort", "80"},
            new String[] {"/spec/securityContext/sysctls/0/name", "kernel.msgmax"},
            new String[] {"/spec/hostUsers", "false"},
            new String[] {"/spec/containers/0/securityContext/procMount", "Unmasked"});
    return IntStream.range(0, 60)
        .mapToObj(
            i -> {
              PodBuilder p = PodBuilder.restricted();
              for (int n = 0; n <= random.nextInt(2); n++) {
                String[] e = edits.get(random.nextInt(edits.size()));
                p = p.set(e[0], value(e[1]));
              }
              return p;
            });
  }

  private static Object value(String text) {
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    if (text.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(text);
    }
    return text;
  }

  @ParameterizedTest(name = "seed 20260701, pod {index}")
  @MethodSource("randomPods")
  void restrictedImpliesBaselineAndPrivilegedAllowsAll(PodBuilder pod) {
    for (int minor = 0; minor <= 37; minor++) {
      PssVersion v = PssVersion.of(minor);
      boolean restricted =
          EVALUATOR.evaluate(PssLevel.RESTRICTED, v, pod.build()).orElseThrow().allowed();
      boolean baseline =
          EVALUATOR.evaluate(PssLevel.BASELINE, v, pod.build()).orElseThrow().allowed();
      assertThat(!restricted || baseline)
          .as("restricted allowed implies baseline at %s", v)
          .isTrue();
      assertThat(EVALUATOR.evaluate(PssLevel.PRIVILEGED, v, pod.build()).orElseThrow().allowed())
          .isTrue();
    }
  }
}
