package dev.kordon.control.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Control;
import dev.kordon.control.ControlSettings;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upstream pod-security-admission fixtures (shared corpus {@code corpora/pss/testdata}, latest
 * policy version) against the workload controls that carry a {@code pss:} reference:
 *
 * <ul>
 *   <li>a pod that passes a level fires no control referencing a check of that level;
 *   <li>a pod that fails check C fires a control referencing C, and no control referencing any
 *       other check except the restricted/baseline pair C belongs to (PSA {@code OverrideCheckIDs})
 *       and a few listed fixtures that break two checks: each fixture changes one thing in a
 *       minimal valid pod, so any other finding would be a false positive.
 * </ul>
 *
 * Skipped with a message when the shared corpus is absent.
 */
class WorkloadPssConformanceTest {

  private static final String VERSION = "v1.37";
  private static final Pattern NAME = Pattern.compile("^([a-z_]+?)(\\d+)\\.yaml$");

  /** File prefix of the upstream fixtures to the PSA check id and its level. */
  private static final Map<String, String> CHECKS =
      Map.ofEntries(
          Map.entry("apparmorprofile", "baseline/appArmorProfile"),
          Map.entry("capabilities_baseline", "baseline/capabilities_baseline"),
          Map.entry("hostnamespaces", "baseline/hostNamespaces"),
          Map.entry("hostpathvolumes", "baseline/hostPathVolumes"),
          Map.entry("hostports", "baseline/hostPorts"),
          Map.entry("hostprobesandhostlifecycle", "baseline/hostProbesAndHostLifecycle"),
          Map.entry("privileged", "baseline/privileged"),
          Map.entry("procmount", "baseline/procMount"),
          Map.entry("seccompprofile_baseline", "baseline/seccompProfile_baseline"),
          Map.entry("selinuxoptions", "baseline/seLinuxOptions"),
          Map.entry("sysctls", "baseline/sysctls"),
          Map.entry("windowshostprocess", "baseline/windowsHostProcess"),
          Map.entry("allowprivilegeescalation", "restricted/allowPrivilegeEscalation"),
          Map.entry("capabilities_restricted", "restricted/capabilities_restricted"),
          Map.entry("procmount_restricted", "restricted/procMount_restricted"),
          Map.entry("restrictedvolumes", "restricted/restrictedVolumes"),
          Map.entry("runasnonroot", "restricted/runAsNonRoot"),
          Map.entry("runasuser", "restricted/runAsUser"),
          Map.entry("seccompprofile_restricted", "restricted/seccompProfile_restricted"));

  /** Restricted checks replace these baseline checks (PSA {@code OverrideCheckIDs}). */
  private static final Map<String, String> OVERRIDES =
      Map.of(
          "restricted/capabilities_restricted", "baseline/capabilities_baseline",
          "restricted/procMount_restricted", "baseline/procMount",
          "restricted/restrictedVolumes", "baseline/hostPathVolumes",
          "restricted/seccompProfile_restricted", "baseline/seccompProfile_baseline");

  /**
   * Upstream fixtures that break a second check besides the one they are named for, so that PSA
   * itself reports both: a HostProcess pod must use the host network (hostNamespaces); a container
   * stripped of its securityContext also loses drop ALL (capabilities_restricted); a privileged
   * container without allowPrivilegeEscalation: false fails that check too.
   */
  private static final Map<String, Set<String>> CO_VIOLATIONS =
      Map.of(
          "baseline/windowshostprocess0.yaml", Set.of("baseline/hostNamespaces"),
          "baseline/windowshostprocess1.yaml", Set.of("baseline/hostNamespaces"),
          "restricted/windowshostprocess0.yaml", Set.of("baseline/hostNamespaces"),
          "restricted/windowshostprocess1.yaml", Set.of("baseline/hostNamespaces"),
          "restricted/allowprivilegeescalation3.yaml", Set.of("restricted/capabilities_restricted"),
          "restricted/privileged0.yaml", Set.of("restricted/allowPrivilegeEscalation"),
          "restricted/privileged1.yaml", Set.of("restricted/allowPrivilegeEscalation"));

  static Stream<Arguments> fixtures() throws IOException {
    Path root = SharedCorpus.require("corpora/pss/testdata");
    List<Arguments> out = new ArrayList<>();
    for (String level : List.of("baseline", "restricted")) {
      for (String outcome : List.of("pass", "fail")) {
        Path dir = root.resolve(level).resolve(VERSION).resolve(outcome);
        try (Stream<Path> files = Files.list(dir)) {
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .sorted()
              .forEach(n -> out.add(Arguments.of(level, outcome, n)));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}/" + VERSION + "/{1}/{2}")
  @MethodSource("fixtures")
  void pssControlsAgreeWithUpstream(String level, String outcome, String file) throws IOException {
    Path path =
        SharedCorpus.require("corpora/pss/testdata")
            .resolve(level)
            .resolve(VERSION)
            .resolve(outcome)
            .resolve(file);
    Set<String> fired = pssChecksFired(path, level);
    if (outcome.equals("pass")) {
      assertThat(fired).as("PSS checks our controls report on a %s pass pod", level).isEmpty();
      return;
    }
    Matcher m = NAME.matcher(file);
    assertThat(m.matches()).as("fixture name " + file).isTrue();
    String check = CHECKS.get(m.group(1));
    assertThat(check).as("known PSA check for " + file).isNotNull();
    Set<String> acceptable = new TreeSet<>(List.of(check));
    for (Map.Entry<String, String> o : OVERRIDES.entrySet()) {
      if (o.getKey().equals(check) || o.getValue().equals(check)) {
        acceptable.add(o.getKey());
        acceptable.add(o.getValue());
      }
    }
    acceptable.addAll(CO_VIOLATIONS.getOrDefault(level + "/" + file, Set.of()));
    assertThat(fired)
        .as("PSS checks our controls report on a pod failing " + check)
        .containsAnyOf(acceptable.toArray(String[]::new));
    assertThat(acceptable).as("PSS checks our controls report").containsAll(fired);
  }

  /**
   * The PSS checks ({@code baseline/hostNamespaces} ...) referenced by the controls that fire on
   * the pod, limited to the checks a namespace at this level evaluates.
   */
  private static Set<String> pssChecksFired(Path file, String level) throws IOException {
    ReadResult read =
        new ManifestReader()
            .read(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    assertThat(read.hasErrors()).as("upstream fixture parses: " + read.problems()).isFalse();
    Set<String> fired = new TreeSet<>();
    for (KubeObject o : read.objects()) {
      PodSpecView pod = PodSpecView.of(o).orElseThrow();
      for (Control c : WorkloadControls.all(ControlSettings.DEFAULT)) {
        if (!(c instanceof PodControl pc)) {
          continue;
        }
        List<Finding> findings = pc.check(pod, Snapshot.of(List.of(o)));
        if (findings.isEmpty()) {
          continue;
        }
        for (String ref : c.info().refs("pss")) {
          if (level.equals("restricted") || ref.startsWith("baseline/")) {
            fired.add(ref);
          }
        }
      }
    }
    return fired;
  }
}
