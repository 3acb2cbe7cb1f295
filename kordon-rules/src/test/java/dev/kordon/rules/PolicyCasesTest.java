package dev.kordon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import dev.kordon.testing.Fixture;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Admission policies in the style of the Kubernetes documentation, each in {@code
 * policies/<case>/}: {@code policy.yaml} (policies, bindings, params) and {@code resources.yaml},
 * whose {@code metadata.name} lines carry {@code # EXPECT: Deny "fragment"} (or {@code Warn},
 * {@code Warn-Audit}, ...) for every decision expected. Exact both ways: every marker met, no
 * decision without a marker.
 */
class PolicyCasesTest {

  private static final KubeCel CEL = new KubeCel();

  static Stream<String> cases() throws IOException, URISyntaxException {
    Path root = Path.of(PolicyCasesTest.class.getResource("/policies").toURI());
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void thereAreAtLeastFifteenPolicies() throws Exception {
    Path root = Path.of(PolicyCasesTest.class.getResource("/policies").toURI());
    int policies = 0;
    for (String c : cases().toList()) {
      policies += load(root.resolve(c).resolve("policy.yaml")).policies().policies().size();
    }
    assertThat(policies).isGreaterThanOrEqualTo(15);
  }

  static RuleFiles load(Path file) {
    return RuleFiles.load(List.of(file.toString()), CEL, Requester.DEFAULT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void policyCase(String name) throws Exception {
    Path dir = Path.of(PolicyCasesTest.class.getResource("/policies/" + name).toURI());
    RuleFiles files = load(dir.resolve("policy.yaml"));
    assertThat(files.policies().policies()).isNotEmpty();
    for (AdmissionPolicy p : files.policies().policies()) {
      assertThat(p.errors()).as(p.name()).isEmpty();
    }
    Fixture fixture = Fixture.read(dir.resolve("resources.yaml"));
    ReadResult read = new ManifestReader().read("resources.yaml", fixture.text());
    assertThat(read.problems()).isEmpty();
    Snapshot snapshot = Snapshot.of(read.objects());
    List<PolicyResult> results =
        new PolicyEvaluator(Requester.DEFAULT).evaluate(files.policies(), snapshot);
    assertThat(results).isNotEmpty();

    List<String> problems = new ArrayList<>();
    List<Decision> found = new ArrayList<>();
    results.forEach(r -> found.addAll(r.decisions()));
    for (Fixture.Expectation exp : fixture.expectations()) {
      Decision match = null;
      for (Decision d : found) {
        if (line(d.object()) == exp.line()
            && label(d).equals(exp.controlId())
            && d.message().contains(exp.fragment())) {
          match = d;
          break;
        }
      }
      if (match == null) {
        problems.add("missing " + exp + "; decided: " + describe(found));
      } else {
        found.remove(match);
      }
    }
    for (Decision d : found) {
      problems.add("unexpected " + label(d) + " at line " + line(d.object()) + ": " + d.text());
    }
    assertThat(problems).isEmpty();
  }

  static String label(Decision d) {
    return String.join("-", d.actions().stream().map(a -> a.word).toList());
  }

  static int line(KubeObject o) {
    return o.locate(JsonPointer.of("metadata", "name")).map(l -> l.line()).orElse(-1);
  }

  private static String describe(List<Decision> ds) {
    List<String> out = new ArrayList<>();
    for (Decision d : ds) {
      out.add(label(d) + "@" + line(d.object()) + " \"" + d.message() + "\"");
    }
    return out.isEmpty() ? "nothing" : String.join("; ", out);
  }
}
