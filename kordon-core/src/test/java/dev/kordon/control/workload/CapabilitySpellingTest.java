package dev.kordon.control.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each added capability, however it is spelt (any case, with or without {@code CAP_}), is reported
 * by exactly one of the capability controls: dangerous ones by their severity tier whatever the
 * spelling, defaults by KOR-0029 when spelt exactly and by KOR-0015 otherwise (Pod Security
 * baseline compares exact names), and an exact NET_BIND_SERVICE by none.
 */
class CapabilitySpellingTest {

  private static final long SEED = 5_2026_1129L;
  private static final List<PodControl> CAPABILITY_CONTROLS =
      List.of(
          new NodeTakeoverCapability(),
          new DangerousCapability(),
          new NonDefaultCapability(),
          new DefaultCapabilityAddedBack());

  static Stream<Arguments> spellings() {
    Random r = new Random(SEED);
    List<Arguments> out = new ArrayList<>();
    for (String cap : NodeTakeoverCapability.NAMES) {
      out.add(Arguments.of(spell(r, cap), "KOR-0013"));
    }
    for (String cap : DangerousCapability.NAMES) {
      out.add(Arguments.of(spell(r, cap), "KOR-0014"));
    }
    for (String cap : List.of("IPC_LOCK", "SYS_NICE", "SYS_RESOURCE", "LEASE", "WAKE_ALARM")) {
      out.add(Arguments.of(spell(r, cap), "KOR-0015"));
    }
    for (String cap : Capability.BASELINE_DEFAULTS) {
      String written = spell(r, cap);
      String expected =
          !written.equals(cap) ? "KOR-0015" : cap.equals("NET_BIND_SERVICE") ? "" : "KOR-0029";
      out.add(Arguments.of(written, expected));
      out.add(Arguments.of(cap, cap.equals("NET_BIND_SERVICE") ? "" : "KOR-0029"));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "seed " + SEED + ": add {0} -> {1}")
  @MethodSource("spellings")
  void exactlyOneControlReportsAnAddedCapability(String written, String expectedId) {
    ObjectNode spec = WorkloadWrapperPropertyTest.minimalSpec();
    ((ObjectNode) spec.path("containers").get(0).path("securityContext").path("capabilities"))
        .putArray("add")
        .add(written);
    KubeObject pod = WorkloadWrapperPropertyTest.wrap("Pod", spec.objectNode(), spec);
    Set<String> ids = new TreeSet<>();
    List<Finding> findings = new ArrayList<>();
    for (PodControl c : CAPABILITY_CONTROLS) {
      findings.addAll(c.check(PodSpecView.of(pod).orElseThrow(), Snapshot.of(List.of(pod))));
    }
    findings.forEach(f -> ids.add(f.controlId()));
    if (expectedId.isEmpty()) {
      assertThat(findings).isEmpty();
    } else {
      assertThat(findings).hasSize(1);
      assertThat(ids).containsExactly(expectedId);
      assertThat(findings.get(0).message()).contains("adds capability " + written);
    }
  }

  private static String spell(Random r, String cap) {
    String name = r.nextBoolean() ? "CAP_" + cap : cap;
    return switch (r.nextInt(3)) {
      case 0 -> name.toLowerCase(Locale.ROOT);
      case 1 -> name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
      default -> name;
    };
  }
}
