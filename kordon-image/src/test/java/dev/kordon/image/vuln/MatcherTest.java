package dev.kordon.image.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.image.version.DpkgVersion;
import dev.kordon.image.version.LibraryOrders;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OSV's "affected" semantics, event by event. */
class MatcherTest {

  static OsvVulnerability.Affected affected(String type, List<String> versions, String... events) {
    List<OsvVulnerability.Event> list = new java.util.ArrayList<>();
    for (int i = 0; i < events.length; i += 2) {
      list.add(new OsvVulnerability.Event(events[i], events[i + 1]));
    }
    return new OsvVulnerability.Affected(
        "Debian:12", "p", List.of(new OsvVulnerability.Range(type, list)), versions, "high");
  }

  @Test
  void introducedFixedLastAffectedAndVersions() {
    var a =
        affected(
            "ECOSYSTEM",
            List.of(),
            "introduced",
            "1.0-1",
            "fixed",
            "1.0-3",
            "introduced",
            "2.0-1",
            "last_affected",
            "2.0-5");
    assertThat(VulnerabilityMatcher.affects(a, "0.9-1", DpkgVersion.ORDER)).isEmpty();
    assertThat(VulnerabilityMatcher.affects(a, "1.0-1", DpkgVersion.ORDER)).contains("1.0-3");
    assertThat(VulnerabilityMatcher.affects(a, "1.0-2+deb12u1", DpkgVersion.ORDER))
        .contains("1.0-3");
    assertThat(VulnerabilityMatcher.affects(a, "1.0-3", DpkgVersion.ORDER)).isEmpty();
    assertThat(VulnerabilityMatcher.affects(a, "2.0-5", DpkgVersion.ORDER)).contains("");
    assertThat(VulnerabilityMatcher.affects(a, "2.0-5+b1", DpkgVersion.ORDER)).isEmpty();
    var listed = affected("ECOSYSTEM", List.of("7.0"), "introduced", "9.0");
    assertThat(VulnerabilityMatcher.affects(listed, "7.0", DpkgVersion.ORDER)).isPresent();
    assertThat(VulnerabilityMatcher.affects(listed, "8.0", DpkgVersion.ORDER)).isEmpty();
  }

  @Test
  void semverRangesUseSemverOrder() {
    var a = affected("SEMVER", List.of(), "introduced", "0", "fixed", "4.17.21");
    assertThat(VulnerabilityMatcher.affects(a, "4.17.20", LibraryOrders.MAVEN)).contains("4.17.21");
    assertThat(VulnerabilityMatcher.affects(a, "4.17.21", LibraryOrders.MAVEN)).isEmpty();
    assertThat(VulnerabilityMatcher.affects(a, "4.17.21-beta.1", LibraryOrders.MAVEN)).isPresent();
  }

  @Test
  void cvssVectorsScoreAsTheSpecificationSays() {
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")).hasValue(10.0);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).hasValue(9.8);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N")).hasValue(5.5);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N")).hasValue(3.1);
    assertThat(Cvss3.baseScore("garbage")).isEmpty();
  }
}
