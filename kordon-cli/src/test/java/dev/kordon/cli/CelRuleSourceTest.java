package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.admission.AdmissionPolicy;
import dev.kordon.admission.Decision;
import dev.kordon.admission.PolicyFile;
import dev.kordon.admission.ReviewCodec;
import dev.kordon.admission.Reviewer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook enforces the same CEL rule files as {@code kordon scan --rules}. */
class CelRuleSourceTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  private static final String RULE =
      """
      apiVersion: kordon.dev/v1
      kind: Rule
      metadata:
        name: org.team-label
      title: Workload without a team label
      severity: high
      description: Every workload names its owning team.
      remediation: Add a metadata.labels.team label.
      match:
        kinds: [Deployment]
      validations:
        - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
          messageExpression: "object.metadata.name + ' has no team label'"
      """;

  private static String review(String labels) {
    return """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "u1", "operation": "CREATE", "namespace": "shop",
           "kind": {"group": "apps", "version": "v1", "kind": "Deployment"},
           "resource": {"group": "apps", "version": "v1", "resource": "deployments"},
           "userInfo": {"username": "alice"},
           "object": {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "api", "namespace": "shop", "labels": %s},
             "spec": {"selector": {"matchLabels": {"app": "api"}},
               "template": {"metadata": {"labels": {"app": "api"}},
                 "spec": {"containers": [{"name": "api", "image": "nginx:1.27"}]}}}}}}
        """
        .formatted(labels);
  }

  private static Decision decide(Reviewer reviewer, String review) {
    ReviewCodec codec = new ReviewCodec();
    return reviewer.review(codec.parse(review.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void ruleFilesNamedByThePolicyAreEnforced(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("team.yaml"), RULE);
    AdmissionPolicy policy =
        PolicyFile.parse(
            "policy.yaml",
            "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\nrules: [team.yaml]\n"
                + "controls:\n  org.team-label: enforce\n",
            dir);
    Reviewer reviewer = Reviewer.compile(policy, new CelRuleSource(), CLOCK);
    Decision unlabelled = decide(reviewer, review("{\"app\": \"api\"}"));
    assertThat(unlabelled.allowed()).isFalse();
    assertThat(unlabelled.denials()).anyMatch(d -> d.contains("org.team-label"));
    assertThat(decide(reviewer, review("{\"team\": \"payments\"}")).denials())
        .noneMatch(d -> d.contains("org.team-label"));
  }

  @Test
  void aBrokenRuleRejectsThePolicyNamingTheFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("bad.yaml"), RULE.replace("'team' in", "'team' in in"));
    AdmissionPolicy policy =
        PolicyFile.parse(
            "policy.yaml",
            "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\nrules: [bad.yaml]\n",
            dir);
    assertThatThrownBy(() -> Reviewer.compile(policy, new CelRuleSource(), CLOCK))
        .hasMessageContaining("bad.yaml");
  }
}
