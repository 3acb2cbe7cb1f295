package dev.kordon.control.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The summary message: counts by severity, the most severe listed first, the rest counted. */
class WorkloadImageVulnerableTest {

  static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        containers:
          - name: app
            image: r.example/app:1
      """;

  static List<Finding> check(List<ImageFacts.Vulnerability> vulns) {
    ImageFacts facts =
        new ImageFacts(
            Map.of(
                "r.example/app:1",
                new ImageFacts.Image(
                    "sha256:" + "e".repeat(64),
                    "Debian 12",
                    vulns,
                    Optional.empty(),
                    Optional.empty())));
    KubeObject pod = new ManifestReader().read("pod.yaml", POD).objects().get(0);
    return new WorkloadImageVulnerable(facts)
        .check(PodSpecView.of(pod).orElseThrow(), Snapshot.of(List.of(pod)));
  }

  @Test
  void countsReadNaturally() {
    assertThat(WorkloadImageVulnerable.count(0, 1)).isEqualTo("1 high vulnerability");
    assertThat(WorkloadImageVulnerable.count(3, 0)).isEqualTo("3 critical vulnerabilities");
    assertThat(WorkloadImageVulnerable.count(1, 2))
        .isEqualTo("3 vulnerabilities (1 critical, 2 high)");
  }

  @Test
  void theMostSevereAreListedFirstAndTheRestCounted() {
    List<ImageFacts.Vulnerability> vulns = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      vulns.add(new ImageFacts.Vulnerability("CVE-H" + i, "pkg" + i, "1", "2", Severity.HIGH));
    }
    vulns.add(new ImageFacts.Vulnerability("CVE-C", "zlib", "1", "2", Severity.CRITICAL));
    vulns.add(new ImageFacts.Vulnerability("CVE-NOFIX", "aaa", "1", "", Severity.CRITICAL));
    vulns.add(new ImageFacts.Vulnerability("CVE-MED", "bbb", "1", "2", Severity.MEDIUM));
    List<Finding> out = check(vulns);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(out.get(0).message())
        .startsWith(
            "container \"app\" image \"r.example/app:1\" (sha256:eeeeeeeeeeee) has 7"
                + " vulnerabilities (1 critical, 6 high) with a fix: CVE-C (critical) in zlib 1,"
                + " fixed in 2; CVE-H1 (high)")
        .endsWith("CVE-H4 (high) in pkg4 1, fixed in 2; and 2 more")
        .doesNotContain("CVE-NOFIX")
        .doesNotContain("CVE-MED");
  }

  @Test
  void onlyUnfixableOrLowerIsNoFinding() {
    assertThat(
            check(
                List.of(
                    new ImageFacts.Vulnerability("CVE-1", "a", "1", "", Severity.CRITICAL),
                    new ImageFacts.Vulnerability("CVE-2", "b", "1", "2", Severity.MEDIUM))))
        .isEmpty();
  }
}
