package dev.kordon.pss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.KubeObject;
import dev.kordon.report.JsonOutput;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The upstream Pod Security admission fixtures ({@code ../shared/corpora/pss}), judged by the rule
 * of that corpus's README: every {@code pass/} pod allowed and every {@code fail/} pod denied, by
 * the named check (or the restricted check overriding it), at the level and version of its own
 * directory; the same verdicts for the pod wrapped in a Deployment and a CronJob; and {@code
 * latest} and a version beyond the newest judged like the newest directory.
 */
class PssConformanceTest {

  private static final Pattern NAME = Pattern.compile("^([a-z_]+?)(\\d+)\\.yaml$");
  private static final Pattern VERSION_DIR = Pattern.compile("v1\\.(\\d+)");

  /** The README's list: restricted checks that replace a baseline check, and from when. */
  private static final Map<String, String> OVERRIDDEN_BY =
      Map.of(
          "hostPathVolumes", "restrictedVolumes",
          "seccompProfile_baseline", "seccompProfile_restricted",
          "capabilities_baseline", "capabilities_restricted",
          "procMount", "procMount_restricted");

  private static final Map<String, Integer> OVERRIDE_SINCE =
      Map.of(
          "hostPathVolumes", 0,
          "seccompProfile_baseline", 19,
          "capabilities_baseline", 22,
          "procMount", 35);

  /** File prefix → PSA check id (the prefix is the lower-cased id). */
  private static final List<String> CHECK_IDS = PssChecks.all().stream().map(PssCheck::id).toList();

  private final PssEvaluator evaluator = PssEvaluator.builtIn();
  private final ManifestReader reader = new ManifestReader();

  @Test
  void everyFixtureAgreesWithUpstream() throws IOException {
    Path root = SharedCorpus.require("corpora/pss").resolve("testdata");
    long start = System.nanoTime();
    List<String> disagreements = new ArrayList<>();
    int fixtures = 0;
    int verdicts = 0;
    int newestMinor = -1;
    long parseNanos = 0;
    for (PssLevel level : List.of(PssLevel.BASELINE, PssLevel.RESTRICTED)) {
      for (Path versionDir : list(root.resolve(level.word()))) {
        Matcher vm = VERSION_DIR.matcher(versionDir.getFileName().toString());
        assertThat(vm.matches()).as("version directory %s", versionDir).isTrue();
        int minor = Integer.parseInt(vm.group(1));
        newestMinor = Math.max(newestMinor, minor);
        for (String verdict : List.of("pass", "fail")) {
          for (Path file : list(versionDir.resolve(verdict))) {
            fixtures++;
            Expectation e = expectation(level, minor, verdict.equals("pass"), file);
            long t = System.nanoTime();
            KubeObject pod = read(file);
            parseNanos += System.nanoTime() - t;
            for (KubeObject o : List.of(pod, wrap(pod, "Deployment"), wrap(pod, "CronJob"))) {
              verdicts++;
              check(e, o, PssVersion.of(minor), disagreements);
            }
          }
        }
      }
    }
    assertThat(newestMinor).as("newest version directory").isEqualTo(evaluator.newest().minor());
    // latest and anything beyond the newest version judge like the newest directory
    for (PssLevel level : List.of(PssLevel.BASELINE, PssLevel.RESTRICTED)) {
      Path newestDir = root.resolve(level.word()).resolve("v1." + newestMinor);
      for (String verdict : List.of("pass", "fail")) {
        for (Path file : list(newestDir.resolve(verdict))) {
          Expectation e = expectation(level, newestMinor, verdict.equals("pass"), file);
          KubeObject pod = read(file);
          for (PssVersion v : List.of(PssVersion.LATEST, PssVersion.of(newestMinor + 3))) {
            verdicts++;
            check(e, pod, v, disagreements);
          }
        }
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "PSS conformance: %d fixtures, %d verdicts (pod, Deployment, CronJob, latest, beyond),"
            + " %d disagreements, %d ms (of which reading YAML %d ms)%n",
        fixtures, verdicts, disagreements.size(), millis, parseNanos / 1_000_000);
    assertThat(fixtures).as("fixtures found").isGreaterThan(0);
    assertThat(disagreements).isEmpty();
  }

  /** What a fixture must give: allowed, or denied by this check. */
  private record Expectation(Path file, PssLevel level, boolean pass, Optional<String> check) {}

  private static Expectation expectation(PssLevel level, int minor, boolean pass, Path file) {
    String name = file.getFileName().toString();
    if (pass) {
      return new Expectation(file, level, true, Optional.empty());
    }
    Matcher m = NAME.matcher(name);
    assertThat(m.matches()).as("fail fixture name %s", file).isTrue();
    String id =
        CHECK_IDS.stream()
            .filter(c -> c.toLowerCase(java.util.Locale.ROOT).equals(m.group(1)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no check for prefix of " + file));
    if (level == PssLevel.RESTRICTED
        && OVERRIDDEN_BY.containsKey(id)
        && minor >= OVERRIDE_SINCE.get(id)) {
      id = OVERRIDDEN_BY.get(id);
    }
    return new Expectation(file, level, false, Optional.of(id));
  }

  private void check(Expectation e, KubeObject o, PssVersion v, List<String> out) {
    PssResult r =
        evaluator
            .evaluate(e.level(), v, o)
            .orElseThrow(() -> new AssertionError("no pod spec in " + o.kind() + " " + e.file()));
    String where = e.file() + " as " + o.kind() + " at " + e.level() + " " + v;
    if (e.pass() && !r.allowed()) {
      out.add(where + ": expected allowed, got " + r.violations());
    } else if (!e.pass() && !r.failedChecks().contains(e.check().orElseThrow())) {
      out.add(where + ": expected " + e.check().orElseThrow() + ", got " + r.failedChecks());
    }
  }

  private KubeObject read(Path file) throws IOException {
    ReadResult r = reader.read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    assertThat(r.problems()).as("problems reading %s", file).isEmpty();
    assertThat(r.objects()).as("objects in %s", file).hasSize(1);
    return r.objects().get(0);
  }

  /** The pod as the template of a workload, as upstream wraps it in a Deployment. */
  static KubeObject wrap(KubeObject pod, String kind) {
    ObjectNode template = JsonOutput.object();
    template.set("metadata", pod.raw().path("metadata").deepCopy());
    template.set("spec", pod.raw().path("spec").deepCopy());
    ObjectNode spec = JsonOutput.object();
    if (kind.equals("CronJob")) {
      ObjectNode jobSpec = JsonOutput.object();
      jobSpec.set("template", template);
      ObjectNode jobTemplate = JsonOutput.object();
      jobTemplate.set("spec", jobSpec);
      spec.put("schedule", "0 3 * * *");
      spec.set("jobTemplate", jobTemplate);
    } else {
      spec.set("template", template);
    }
    ObjectNode root = JsonOutput.object();
    root.put("apiVersion", kind.equals("CronJob") ? "batch/v1" : "apps/v1");
    root.put("kind", kind);
    root.set("metadata", JsonOutput.object().put("name", pod.name()));
    root.set("spec", spec);
    return KubeObject.of(root, pod.origin());
  }

  private static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
