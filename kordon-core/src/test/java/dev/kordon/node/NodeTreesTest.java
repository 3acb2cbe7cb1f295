package dev.kordon.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.model.ScanError;
import dev.kordon.report.Report;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test node trees against their expectation tables ({@code node/<tree>.expected}): the verdict
 * of every Automated item of CIS v1.12.0 sections 1 to 4, and of the Manual items Kordon decides.
 */
class NodeTreesTest {

  /** kube-bench cfg/cis-1.12: the 65 Automated (scored) items of sections 1 to 4. */
  static final List<String> AUTOMATED =
      List.of(
          "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7", "1.1.8", "1.1.11",
          "1.1.12", "1.1.13", "1.1.14", "1.1.15", "1.1.16", "1.1.17", "1.1.18", "1.1.19", "1.2.2",
          "1.2.4", "1.2.5", "1.2.6", "1.2.7", "1.2.8", "1.2.10", "1.2.12", "1.2.13", "1.2.14",
          "1.2.15", "1.2.16", "1.2.17", "1.2.18", "1.2.19", "1.2.21", "1.2.22", "1.2.23", "1.2.24",
          "1.2.25", "1.2.26", "1.2.30", "1.3.2", "1.3.3", "1.3.4", "1.3.5", "1.3.6", "1.3.7",
          "1.4.1", "1.4.2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "4.1.1", "4.1.2", "4.1.5",
          "4.1.6", "4.1.9", "4.1.10", "4.2.1", "4.2.2", "4.2.3", "4.2.6", "4.2.10", "4.3.1");

  @TempDir Path dir;

  static Report judge(List<KubeObject> objects, List<ScanError> problems) {
    return NodeJudge.judge(objects, problems);
  }

  static Stream<Arguments> trees() {
    return NodeFixtures.TREES.stream().map(Arguments::of);
  }

  private static Map<String, String> expected(String tree) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(
            NodeFixtures.resources().resolve(tree + ".expected"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      out.put(f[0], f[1]);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trees")
  void everyAutomatedItemHasItsExpectedVerdict(String tree) throws IOException {
    Map<String, String> expected = expected(tree);
    assertThat(expected.keySet()).as("the table lists every Automated item").containsAll(AUTOMATED);
    NodeInventory.Result node = NodeInventory.read(NodeFixtures.materialize(tree, dir, true));
    Report report = judge(node.objects(), node.problems());
    assertThat(report.errors()).filteredOn(ScanError::isError).isEmpty();
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String item = e.getKey();
      List<Finding> failing =
          report.findings().stream().filter(f -> f.refs().contains("cis:" + item)).toList();
      String verdict = failing.isEmpty() ? "pass" : "fail";
      String want = e.getValue().equals("absent") ? "pass" : e.getValue();
      if (!verdict.equals(want)) {
        wrong.add(
            item
                + ": expected "
                + e.getValue()
                + ", got "
                + verdict
                + failing.stream()
                    .map(f -> " [" + f.controlId() + " " + f.message() + "]")
                    .toList());
      }
    }
    assertThat(wrong).as(tree).isEmpty();
  }

  @Test
  void aWorkerIsJudgedOnSectionFourWithOneNotePerAbsentComponent() throws IOException {
    NodeInventory.Result node = NodeInventory.read(NodeFixtures.materialize("worker", dir, true));
    assertThat(node.controlPlane()).isFalse();
    assertThat(node.kubelet()).isTrue();
    for (Component c : Component.values()) {
      assertThat(node.problems())
          .filteredOn(p -> p.message().startsWith(c.binary() + ": no static pod manifest"))
          .hasSize(1);
    }
    assertThat(node.objects()).noneMatch(o -> o.kind().equals("Pod"));
  }

  @Test
  void ownersAreNamedByTheTreesOwnAccountsWithoutChown() throws IOException {
    NodeInventory.Result node =
        NodeInventory.read(NodeFixtures.materialize("misconfigured", dir, false));
    Report report = judge(node.objects(), node.problems());
    assertThat(report.findings())
        .extracting(Finding::message)
        .contains("file etc/kubernetes/admin.conf is owned by ubuntu:ubuntu; expected root:root")
        .contains(
            "file etc/kubernetes/admin.conf has mode 0644; allow at most 0600 (no bit outside it)");
  }

  /**
   * The static pod manifests judged as files ({@code kordon scan etc/kubernetes/manifests/}) and as
   * mirror pods from the API give the same flag findings, at the same fields, as {@code kordon
   * node}.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("trees")
  void manifestsScannedAsFilesOrPodsGiveTheSameFlagFindings(String tree) throws IOException {
    NodeInventory.Result node = NodeInventory.read(NodeFixtures.materialize(tree, dir, true));
    Set<String> fromNode = flagFindings(judge(node.objects(), node.problems()), true);

    List<KubeObject> files = new ArrayList<>();
    List<KubeObject> mirrors = new ArrayList<>();
    Path manifests = NodeFixtures.resources().resolve(tree).resolve(NodeInventory.MANIFESTS);
    if (Files.isDirectory(manifests)) {
      try (Stream<Path> s = Files.list(manifests)) {
        for (Path p : s.sorted().toList()) {
          ReadResult r =
              new ManifestReader()
                  .read(
                      NodeInventory.MANIFESTS + "/" + p.getFileName(),
                      Files.readString(p, StandardCharsets.UTF_8));
          files.addAll(r.objects());
          for (KubeObject o : r.objects()) {
            mirrors.add(KubeObject.of(o.raw(), new Origin.Cluster("test", "1")));
          }
        }
      }
    }
    assertThat(flagFindings(judge(files, List.of()), true)).isEqualTo(fromNode);
    assertThat(flagFindings(judge(mirrors, List.of()), false))
        .isEqualTo(flagFindings(judge(node.objects(), node.problems()), false));
    if (tree.equals("kubeadm-1.32") || tree.equals("misconfigured")) {
      assertThat(fromNode).isNotEmpty();
    }
  }

  private static Set<String> flagFindings(Report report, boolean withLines) {
    Set<String> out = new TreeSet<>();
    for (Finding f : report.findings()) {
      if (f.resource().kind().equals("Pod")) {
        out.add(
            f.controlId()
                + " "
                + f.path()
                + (withLines ? " " + f.location().map(Object::toString).orElse("-") : "")
                + " "
                + f.message());
      }
    }
    return out;
  }
}
