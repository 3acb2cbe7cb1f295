package dev.kordon.control.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import dev.kordon.control.PodControl;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A second, independent oracle: the Kyverno pod-security policy library's own test workloads
 * (shared corpus {@code real-world/kyverno-policies}). Every workload in a policy's {@code *-bad}
 * file must fire one of the controls that cover the policy, and no workload in its {@code *-good}
 * file may, except the few listed divergences. Skipped with a message when the shared corpus is
 * absent.
 */
class KyvernoPodSecurityCrossCheckTest {

  private static final String BASE = "corpora/real-world/kyverno-policies/pod-security";

  /** Kyverno policy directory to the Kordon controls that cover the same rule. */
  private static final Map<String, Set<String>> POLICIES =
      Map.ofEntries(
          Map.entry("baseline/disallow-capabilities", Set.of("KOR-0013", "KOR-0014", "KOR-0015")),
          Map.entry(
              "baseline/disallow-host-namespaces", Set.of("KOR-0006", "KOR-0007", "KOR-0008")),
          Map.entry("baseline/disallow-host-path", Set.of("KOR-0009")),
          Map.entry("baseline/disallow-host-ports", Set.of("KOR-0012")),
          Map.entry("baseline/disallow-host-process", Set.of("KOR-0025")),
          Map.entry("baseline/disallow-privileged-containers", Set.of("KOR-0001")),
          Map.entry("baseline/disallow-proc-mount", Set.of("KOR-0022", "KOR-0028")),
          Map.entry("baseline/disallow-selinux", Set.of("KOR-0021")),
          Map.entry("baseline/restrict-apparmor-profiles", Set.of("KOR-0020")),
          Map.entry("baseline/restrict-seccomp", Set.of("KOR-0019")),
          Map.entry("baseline/restrict-sysctls", Set.of("KOR-0023")),
          Map.entry(
              "restricted/disallow-capabilities-strict",
              Set.of("KOR-0013", "KOR-0014", "KOR-0015", "KOR-0016", "KOR-0029")),
          Map.entry("restricted/disallow-privilege-escalation", Set.of("KOR-0002")),
          Map.entry("restricted/require-run-as-non-root-user", Set.of("KOR-0004")),
          Map.entry("restricted/require-run-as-nonroot", Set.of("KOR-0003")),
          Map.entry("restricted/restrict-seccomp-strict", Set.of("KOR-0018", "KOR-0019")),
          Map.entry("restricted/restrict-volume-types", Set.of("KOR-0009", "KOR-0027")));

  /**
   * Workloads on which Kordon deliberately disagrees with the Kyverno library, with the reason: the
   * library's disallow-selinux still forbids {@code container_engine_t}, which Pod Security allows
   * since policy version 1.31 and Kordon follows.
   */
  private static final Set<String> DIVERGENCES =
      Set.of(
          "baseline/disallow-selinux Pod/badpod01-new",
          "baseline/disallow-selinux Pod/badpod03-new",
          "baseline/disallow-selinux Pod/badpod04-new",
          "baseline/disallow-selinux Deployment/baddeployment01-new",
          "baseline/disallow-selinux CronJob/badcronjob01-new");

  static Stream<Arguments> files() throws IOException {
    Path base = SharedCorpus.require(BASE);
    List<Arguments> out = new ArrayList<>();
    for (String policy : new TreeSet<>(POLICIES.keySet())) {
      Path dir = base.resolve(policy).resolve(".chainsaw-test");
      for (String name :
          List.of(
              "pod-bad.yaml",
              "pod-good.yaml",
              "podcontroller-bad.yaml",
              "podcontroller-good.yaml")) {
        if (Files.isRegularFile(dir.resolve(name))) {
          out.add(Arguments.of(policy, name));
        }
      }
    }
    assertThat(out).as("Kyverno test workloads found").hasSizeGreaterThan(40);
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("files")
  void controlsAgreeWithTheKyvernoTestWorkloads(String policy, String file) throws IOException {
    Path path = SharedCorpus.require(BASE).resolve(policy).resolve(".chainsaw-test").resolve(file);
    Set<String> covering = POLICIES.get(policy);
    boolean bad = file.endsWith("-bad.yaml");
    List<String> wrong = new ArrayList<>();
    int workloads = 0;
    for (KubeObject o :
        new ManifestReader().read(file, Files.readString(path, StandardCharsets.UTF_8)).objects()) {
      if (PodSpecView.of(o).isEmpty()) {
        continue;
      }
      workloads++;
      if (DIVERGENCES.contains(policy + " " + o.kind() + "/" + o.name())) {
        assertThat(fired(o, covering)).as("known divergence " + o.name()).isEmpty();
        continue;
      }
      Set<String> fired = fired(o, covering);
      if (bad && fired.isEmpty()) {
        wrong.add(o.kind() + "/" + o.name() + " fires none of " + covering);
      } else if (!bad && !fired.isEmpty()) {
        wrong.add(o.kind() + "/" + o.name() + " fires " + fired);
      }
    }
    assertThat(workloads).as("workloads in " + file).isPositive();
    assertThat(wrong).isEmpty();
  }

  private static Set<String> fired(KubeObject object, Set<String> ids) {
    PodSpecView pod = PodSpecView.of(object).orElseThrow();
    Set<String> out = new TreeSet<>();
    for (Control c : WorkloadControls.all(ControlSettings.DEFAULT)) {
      if (ids.contains(c.info().id())
          && c instanceof PodControl pc
          && !pc.check(pod, Snapshot.of(List.of(object))).isEmpty()) {
        out.add(c.info().id());
      }
    }
    return out;
  }
}
