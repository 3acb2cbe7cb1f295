package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.pss.PssCheck;
import dev.kordon.pss.PssChecks;
import dev.kordon.report.JsonOutput;
import dev.kordon.source.YamlTrees;
import dev.kordon.testing.SharedCorpus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every upstream Pod Security fixture ({@code ../shared/corpora/pss}) sent through the webhook over
 * HTTPS, in a namespace the policy file labels {@code enforce=<level>, enforce-version=v1.<N>} of
 * the fixture's own directory: every pass fixture admitted, every fail fixture denied with a line
 * naming the fixture's check (or the restricted check that overrides it at that version).
 */
class PssCorpusWebhookTest {

  private static final Pattern NAME = Pattern.compile("^([a-z_]+?)(\\d+)\\.yaml$");
  private static final Map<String, String> OVERRIDDEN_BY =
      Map.of(
          "hostPathVolumes", "restrictedVolumes",
          "seccompProfile_baseline", "seccompProfile_restricted",
          "capabilities_baseline", "capabilities_restricted",
          "procMount", "procMount_restricted");
  private static final Map<String, Integer> OVERRIDE_SINCE =
      Map.of(
          "hostPathVolumes",
          0,
          "seccompProfile_baseline",
          19,
          "capabilities_baseline",
          22,
          "procMount",
          35);
  private static final int IN_FLIGHT = 8;

  private record Case(Path file, String level, int minor, boolean pass, Optional<String> check) {
    String namespace() {
      return level + "-v1-" + minor;
    }
  }

  @Test
  void everyFixtureIsJudgedByTheWebhookAsUpstreamDoes() throws Exception {
    Path root = SharedCorpus.require("corpora/pss").resolve("testdata");
    List<Case> cases = new ArrayList<>();
    StringBuilder policy =
        new StringBuilder(
            "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\n"
                + "severities: {critical: off, high: off, medium: off, low: off}\n"
                + "podSecurity:\n  defaults: {enforce: privileged, warn: privileged, audit: privileged}\n"
                + "  namespaces:\n");
    for (String level : List.of("baseline", "restricted")) {
      for (Path versionDir : list(root.resolve(level))) {
        int minor = Integer.parseInt(versionDir.getFileName().toString().substring(3));
        policy
            .append("    ")
            .append(level)
            .append("-v1-")
            .append(minor)
            .append(":\n      pod-security.kubernetes.io/enforce: ")
            .append(level)
            .append("\n      pod-security.kubernetes.io/enforce-version: v1.")
            .append(minor)
            .append('\n');
        for (String verdict : List.of("pass", "fail")) {
          for (Path file : list(versionDir.resolve(verdict))) {
            boolean pass = verdict.equals("pass");
            cases.add(
                new Case(
                    file,
                    level,
                    minor,
                    pass,
                    pass ? Optional.empty() : Optional.of(check(level, minor, file))));
          }
        }
      }
    }
    Path dir = Files.createTempDirectory("kordon-pss-corpus");
    Path policyFile = dir.resolve("policy.yaml");
    Files.writeString(policyFile, policy);
    TestTls tls = TestTls.generate(Certificates.KeyType.EC_P256, Certificates.KeyFormat.PKCS8);
    PolicyReloader reloader =
        PolicyReloader.load(Optional.of(policyFile), RuleSource.NONE, ReviewerTest.CLOCK, s -> {});
    List<String> disagreements = new ArrayList<>();
    int denied = 0;
    long t0 = System.nanoTime();
    try (AdmissionServer server =
        AdmissionServer.start(
            tls.serverTls(),
            reloader,
            AdmissionServer.Options.defaults()
                .withAddress("127.0.0.1", 0)
                // what is judged here is the answer, not the first minute's latency
                .withWarmUp(Duration.ZERO),
            s -> {})) {
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(tls.client())
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      URI uri = URI.create("https://127.0.0.1:" + server.port() + "/validate?timeout=10s");
      for (int from = 0; from < cases.size(); from += IN_FLIGHT) {
        List<Case> batch = cases.subList(from, Math.min(cases.size(), from + IN_FLIGHT));
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (Case c : batch) {
          ObjectNode review = Reviews.review(YamlTrees.parse(c.file()), c.namespace(), "CREATE");
          pending.add(
              client.sendAsync(
                  HttpRequest.newBuilder(uri)
                      .POST(HttpRequest.BodyPublishers.ofByteArray(Reviews.bytes(review)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < batch.size(); i++) {
          Case c = batch.get(i);
          HttpResponse<String> r = pending.get(i).get(30, TimeUnit.SECONDS);
          JsonNode response = JsonOutput.mapper().readTree(r.body()).path("response");
          boolean allowed = response.path("allowed").asBoolean(false);
          String message = response.path("status").path("message").asString("");
          String where = root.relativize(c.file()).toString();
          if (c.pass() && !allowed) {
            disagreements.add(where + ": expected allowed, got: " + message);
          } else if (!c.pass()) {
            denied++;
            String expected =
                "violates PodSecurity \""
                    + c.level()
                    + ":v1."
                    + c.minor()
                    + "\": "
                    + c.check().orElseThrow()
                    + " (";
            if (allowed || message.lines().noneMatch(l -> l.startsWith(expected))) {
              disagreements.add(
                  where + ": expected a line starting " + expected + " got: " + message);
            }
          }
        }
      }
    }
    System.out.printf(
        "PSS corpus through the webhook: %d fixtures (%d denied as expected), %d disagreements, %d ms%n",
        cases.size(),
        denied - disagreements.size(),
        disagreements.size(),
        (System.nanoTime() - t0) / 1_000_000);
    assertThat(cases).hasSizeGreaterThan(4000);
    assertThat(disagreements).isEmpty();
  }

  private static String check(String level, int minor, Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    assertThat(m.matches()).as("fixture name %s", file).isTrue();
    String id =
        PssChecks.all().stream()
            .map(PssCheck::id)
            .filter(c -> c.toLowerCase(Locale.ROOT).equals(m.group(1)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no check for " + file));
    if (level.equals("restricted")
        && OVERRIDDEN_BY.containsKey(id)
        && minor >= OVERRIDE_SINCE.get(id)) {
      return OVERRIDDEN_BY.get(id);
    }
    return id;
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
