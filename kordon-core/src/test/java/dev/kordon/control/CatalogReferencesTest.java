package dev.kordon.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.framework.Framework;
import dev.kordon.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every reference of a workload control names something that exists: a section of the bundled CIS,
 * NSA or MITRE framework, a Pod Security check registered by pod-security-admission, a kubescape
 * control or a Trivy check (by id or alias) listed in the shared reference files.
 */
class CatalogReferencesTest {

  /** The checks registered in pod-security-admission {@code policy/check_*.go}, by level. */
  private static final Set<String> PSS_CHECKS =
      Set.of(
          "baseline/appArmorProfile",
          "baseline/capabilities_baseline",
          "baseline/hostNamespaces",
          "baseline/hostPathVolumes",
          "baseline/hostPorts",
          "baseline/hostProbesAndHostLifecycle",
          "baseline/privileged",
          "baseline/procMount",
          "baseline/seccompProfile_baseline",
          "baseline/seLinuxOptions",
          "baseline/sysctls",
          "baseline/windowsHostProcess",
          "restricted/allowPrivilegeEscalation",
          "restricted/capabilities_restricted",
          "restricted/procMount_restricted",
          "restricted/restrictedVolumes",
          "restricted/runAsNonRoot",
          "restricted/runAsUser",
          "restricted/seccompProfile_restricted");

  private static final Pattern KUBESCAPE = Pattern.compile("\\*\\*(C-\\d{4})\\*\\*");
  private static final Pattern TRIVY_ROW = Pattern.compile("^\\| (K(?:SV|CV)-\\d+) \\| ([^|]*)\\|");

  private static List<ControlInfo> infos() {
    return new ArrayList<>(Catalog.builtIn().infos());
  }

  @Test
  void frameworkReferencesNameABundledSection() {
    List<String> unknown = new ArrayList<>();
    for (Framework f : Framework.builtIn()) {
      if (f.id().startsWith("pss")) {
        continue;
      }
      Set<String> sections = new HashSet<>();
      f.sections().forEach(s -> sections.add(s.id()));
      for (ControlInfo info : infos()) {
        for (String ref : info.refs(f.id())) {
          if (!sections.contains(ref)) {
            unknown.add(info.id() + " " + f.id() + ":" + ref);
          }
        }
      }
    }
    assertThat(unknown).as("references to sections missing from frameworks/*.yaml").isEmpty();
  }

  @Test
  void pssReferencesNameARegisteredCheck() {
    List<String> unknown = new ArrayList<>();
    for (ControlInfo info : infos()) {
      for (String ref : info.refs("pss")) {
        if (!PSS_CHECKS.contains(ref)) {
          unknown.add(info.id() + " pss:" + ref);
        }
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void peerIdsExistInTheSharedReference() throws IOException {
    Path reference = SharedCorpus.require("reference");
    String crosswalk =
        Files.readString(reference.resolve("controls-crosswalk.md"), StandardCharsets.UTF_8);
    Set<String> kubescape = new HashSet<>();
    Matcher k = KUBESCAPE.matcher(crosswalk);
    while (k.find()) {
      kubescape.add(k.group(1));
    }
    Set<String> trivy = new HashSet<>();
    for (String line :
        Files.readAllLines(reference.resolve("frameworks.md"), StandardCharsets.UTF_8)) {
      Matcher t = TRIVY_ROW.matcher(line);
      if (t.find()) {
        trivy.add(t.group(1));
        for (String alias : t.group(2).split(",")) {
          trivy.add(alias.trim());
        }
      }
    }
    assertThat(kubescape).as("kubescape ids read from the crosswalk").hasSizeGreaterThan(200);
    assertThat(trivy).as("Trivy ids and aliases read from frameworks.md").contains("KSV-0017");
    List<String> unknown = new ArrayList<>();
    for (ControlInfo info : infos()) {
      for (String id : info.refs("kubescape")) {
        if (!kubescape.contains(id)) {
          unknown.add(info.id() + " kubescape:" + id);
        }
      }
      for (String id : info.refs("trivy")) {
        if (!trivy.contains(id)) {
          unknown.add(info.id() + " trivy:" + id);
        }
      }
    }
    assertThat(unknown).as("peer ids not found in the shared reference").isEmpty();
  }
}
