package dev.kordon.image.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each ecosystem's order, against the tool of record where it is installed (dpkg). */
class VersionOrderTest {

  static final String DPKG = "/usr/bin/dpkg";

  /** Versions that exercise epochs, tildes, revisions, +debNuM, letters and odd separators. */
  static final List<String> DEBIAN =
      List.of(
          "0",
          "1",
          "1.0",
          "1.0-1",
          "1.0-1.1",
          "1.0-2",
          "1.0~rc1",
          "1.0~rc1-1",
          "1.0~~",
          "1.0~",
          "1.0+dfsg-1",
          "1.0a",
          "1.0.1",
          "1:0.9",
          "1:1.0",
          "2:0.1",
          "1.2.13.dfsg-1",
          "1:1.2.13.dfsg-1",
          "2.36-9",
          "2.36-9+deb12u4",
          "2.36-9+deb12u7",
          "2.36-9+deb12u10",
          "3.0.11-1~deb12u2",
          "3.0.13-1~deb12u1",
          "3.0.13-1",
          "5.2.15-2",
          "5.2.15-2+b2",
          "5.2.15-2+b10",
          "1.0+b1",
          "1.0-0ubuntu1",
          "1.0-0ubuntu1.1",
          "1.0-0ubuntu2",
          "10",
          "9.9",
          "1.01",
          "1.001",
          "1.0.0",
          "1.0-1~bpo12+1",
          "20240101",
          "0.0.0+git20240101");

  @Test
  void debianOrderAgreesWithDpkgOnEveryPair() throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of(DPKG)), skip("dpkg"));
    List<String> versions = new ArrayList<>(DEBIAN);
    Random random = new Random(16);
    for (int i = 0; i < 40; i++) {
      versions.add(randomDebian(random));
    }
    // dpkg is asked whether our answer holds: one process per pair, and a "yes" confirms the
    // whole three-way answer; one shell runs them all
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < 260; i++) {
      pairs.add(
          new String[] {
            versions.get(random.nextInt(versions.size())),
            versions.get(random.nextInt(versions.size()))
          });
    }
    List<String> ours = new ArrayList<>();
    Process sh = new ProcessBuilder("/bin/sh").redirectErrorStream(true).start();
    try (Writer w = new OutputStreamWriter(sh.getOutputStream(), StandardCharsets.UTF_8)) {
      for (String[] p : pairs) {
        int c = DpkgVersion.compare(p[0], p[1]);
        String rel = c < 0 ? "lt" : c == 0 ? "eq" : "gt";
        ours.add(rel);
        w.write(
            DPKG
                + " --compare-versions '"
                + p[0]
                + "' "
                + rel
                + " '"
                + p[1]
                + "' && echo agree || echo disagree\n");
      }
    }
    List<String> answers = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(sh.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.equals("agree") || line.equals("disagree")) {
          answers.add(line);
        }
      }
    }
    sh.waitFor();
    assertThat(answers).hasSize(pairs.size());
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      if (!answers.get(i).equals("agree")) {
        disagreements.add(
            pairs.get(i)[0] + " " + ours.get(i) + " " + pairs.get(i)[1] + " is false for dpkg");
      }
    }
    assertThat(ours).contains("lt", "eq", "gt");
    assertThat(disagreements).isEmpty();
  }

  private static String randomDebian(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(5) == 0) {
      sb.append(r.nextInt(3)).append(':');
    }
    sb.append(r.nextInt(4));
    for (int k = 0; k < 1 + r.nextInt(3); k++) {
      sb.append(".").append(r.nextInt(12));
    }
    String[] tails = {"", "~rc1", "~beta", "+dfsg", "a", "+really1.0"};
    sb.append(tails[r.nextInt(tails.length)]);
    if (r.nextBoolean()) {
      sb.append('-').append(r.nextInt(4));
      String[] rev = {"", "+deb12u1", "+deb12u" + r.nextInt(12), "~deb11u1", "+b1", ".1"};
      sb.append(rev[r.nextInt(rev.length)]);
    }
    return sb.toString();
  }

  static String skip(String tool) {
    String message = tool + " is not installed: skipping the comparison against the tool of record";
    if (!Files.isExecutable(Path.of("/usr/bin/" + tool))) {
      System.err.println("SKIPPED: " + message);
    }
    return message;
  }

  /** apk's order, from its documented rules (no apk binary on this machine). */
  @Test
  void alpineOrder() {
    assertAscending(
        ApkVersion.ORDER,
        "1.0_alpha",
        "1.0_alpha2",
        "1.0_beta",
        "1.0_pre1",
        "1.0_rc1",
        "1.0",
        "1.0-r1",
        "1.0-r2",
        "1.0-r10",
        "1.0_cvs",
        "1.0_git20240101",
        "1.0_p1",
        "1.0_p2",
        "1.0a",
        "1.0b",
        "1.0.1_rc1-r0",
        "1.0.1",
        "1.02",
        "1.1",
        "1.1.0",
        "1.10",
        "2");
    assertThat(ApkVersion.ORDER.compare("1.36.1-r28", "1.36.1_p1")).isNegative();
    assertThat(ApkVersion.ORDER.compare("3.3.2-r0", "3.3.2-r1")).isNegative();
    assertThat(ApkVersion.ORDER.compare("1.0-r0", "1.0")).isZero();
    assertThatThrownBy(() -> ApkVersion.parse("1.0_foo")).hasMessageContaining("_foo");
    assertThatThrownBy(() -> ApkVersion.parse("x")).isInstanceOf(IllegalArgumentException.class);
  }

  /** PEP 440's own example ordering, with the spellings it normalises. */
  @Test
  void pythonOrder() {
    assertAscending(
        Pep440Version.ORDER,
        "1.0.dev456",
        "1.0a1",
        "1.0a2.dev456",
        "1.0a12.dev456",
        "1.0a12",
        "1.0b1.dev456",
        "1.0b2",
        "1.0b2.post345.dev456",
        "1.0b2.post345",
        "1.0rc1.dev456",
        "1.0rc1",
        "1.0",
        "1.0+abc.5",
        "1.0+abc.7",
        "1.0+5",
        "1.0.post456.dev34",
        "1.0.post456",
        "1.0.15",
        "1.1.dev1",
        "1!0.1");
    assertThat(Pep440Version.ORDER.compare("1.0", "1.0.0")).isZero();
    assertThat(Pep440Version.ORDER.compare("1.0alpha1", "1.0a1")).isZero();
    assertThat(Pep440Version.ORDER.compare("1.0-1", "1.0.post1")).isZero();
    assertThat(Pep440Version.ORDER.compare("v2.31.0", "2.31")).isZero();
    assertThatThrownBy(() -> Pep440Version.parse("not.a.version"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mavenAndSemverOrders() {
    assertAscending(
        LibraryOrders.MAVEN, "2.0-beta9", "2.0-rc1", "2.0", "2.0.1", "2.14.1", "2.15.0", "2.17.1");
    assertThat(LibraryOrders.MAVEN.compare("1.0-SNAPSHOT", "1.0")).isNegative();
    assertAscending(
        LibraryOrders.SEMVER,
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-beta",
        "1.0.0",
        "4.17.20",
        "4.17.21");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Debian:12", "Alpine:v3.20", "Maven", "npm", "PyPI", "Ubuntu:22.04"})
  void everyEcosystemKordonReadsIsKnownByItsOsvName(String osv) {
    assertThat(Ecosystem.ofOsv(osv)).isPresent();
  }

  @Test
  void pypiNamesCompareAfterPep503Normalisation() {
    assertThat(Ecosystem.PYPI.normalizeName("Zope.Interface")).isEqualTo("zope-interface");
    assertThat(Ecosystem.PYPI.normalizeName("zope__interface")).isEqualTo("zope-interface");
    assertThat(Ecosystem.MAVEN.normalizeName("A:B")).isEqualTo("A:B");
  }

  private static void assertAscending(VersionOrder order, String... versions) {
    for (int i = 0; i < versions.length; i++) {
      for (int j = 0; j < versions.length; j++) {
        int c = order.compare(versions[i], versions[j]);
        assertThat(Integer.signum(c))
            .as("%s vs %s", versions[i], versions[j])
            .isEqualTo(Integer.signum(Integer.compare(i, j)));
      }
    }
  }
}
