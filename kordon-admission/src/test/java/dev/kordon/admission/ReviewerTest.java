package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.admission.Decision.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ReviewerTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
  private final ReviewCodec codec = new ReviewCodec();

  static Reviewer reviewer(String policyYaml) {
    AdmissionPolicy p =
        policyYaml.isEmpty()
            ? AdmissionPolicy.DEFAULT
            : PolicyFile.parse("policy.yaml", policyYaml, Path.of("."));
    return Reviewer.compile(p, RuleSource.NONE, CLOCK);
  }

  private Decision decide(Reviewer r, ObjectNode review) {
    return r.review(codec.parse(Reviews.bytes(review)));
  }

  @Test
  void defaultPolicyDeniesPrivilegedPodWithOneLinePerViolation() {
    Decision d = decide(reviewer(""), Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE"));
    assertThat(d.allowed()).isFalse();
    assertThat(d.code()).isEqualTo(403);
    assertThat(d.denials())
        .containsExactly(
            "KOR-0001 container \"app\" sets securityContext.privileged: true",
            "violates PodSecurity \"baseline:latest\": privileged (container \"app\" sets"
                + " securityContext.privileged: true (allowed: false or unset))");
    // restricted is the default warn level: its extra checks come back as warnings
    assertThat(d.warnings())
        .anyMatch(
            w -> w.startsWith("would violate PodSecurity \"restricted:latest\": runAsNonRoot"));
    assertThat(d.auditAnnotations())
        .containsEntry("pod-security-enforce-policy", "baseline:latest");
    assertThat(d.auditAnnotations().get("pod-security-audit-violations"))
        .contains("allowPrivilegeEscalation");
  }

  @Test
  void responseCarriesUidStatusWarningsAndAuditAnnotations() {
    ObjectNode review = Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE");
    AdmissionRequest req = codec.parse(Reviews.bytes(review));
    String json =
        new String(
            codec.response(req.uid(), reviewer("").review(req)),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"apiVersion\":\"admission.k8s.io/v1\"")
        .contains("\"uid\":\"705ab4f5-6393-11e8-b7cc-42010a800002\"")
        .contains("\"allowed\":false")
        .contains("\"code\":403")
        .contains("\"reason\":\"Forbidden\"")
        .contains("\"warnings\":[")
        .contains("\"auditAnnotations\":{");
  }

  @Test
  void podSecurityBaselineAloneDeniesHostNetwork() {
    Decision d = decide(reviewer(""), Reviews.review(Reviews.HOST_NETWORK_POD, "shop", "CREATE"));
    assertThat(d.denials())
        .containsExactly(
            "violates PodSecurity \"baseline:latest\": hostNamespaces (pod sets hostNetwork: true"
                + " (allowed: false or unset))");
    assertThat(d.hits()).contains(new Decision.Hit("pss:hostNamespaces", Mode.ENFORCE));
    // the restricted warning does not repeat what the denial says
    assertThat(d.warnings()).noneMatch(w -> w.contains("hostNamespaces")).isNotEmpty();
  }

  @Test
  void restrictedPodIsAllowedWithoutWarnings() {
    Decision d = decide(reviewer(""), Reviews.review(Reviews.RESTRICTED_POD, "shop", "CREATE"));
    assertThat(d.allowed()).isTrue();
    assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(d.warnings()).isEmpty();
    assertThat(d.auditAnnotations()).doesNotContainKey("pod-security-audit-violations");
  }

  @Test
  void deploymentTemplateIsJudgedLikeItsPods() {
    Decision d =
        decide(reviewer(""), Reviews.review(Reviews.PRIVILEGED_DEPLOYMENT, "shop", "CREATE"));
    assertThat(d.allowed()).isFalse();
    assertThat(d.denials()).first().asString().startsWith("KOR-0001 container \"api\"");
  }

  @Test
  void namespaceLabelsFromThePolicyOverrideTheDefault() {
    String policy =
        """
        apiVersion: kordon.dev/v1alpha1
        kind: AdmissionPolicy
        podSecurity:
          namespaces:
            payments:
              pod-security.kubernetes.io/enforce: restricted
              pod-security.kubernetes.io/enforce-version: v1.30
            legacy:
              pod-security.kubernetes.io/enforce: privileged
        """;
    Reviewer r = reviewer(policy);
    Decision payments = decide(r, Reviews.review(Reviews.PLAIN_POD, "payments", "CREATE"));
    assertThat(payments.allowed()).isFalse();
    assertThat(payments.denials())
        .allMatch(l -> l.startsWith("violates PodSecurity \"restricted:v1.30\": "));
    assertThat(decide(r, Reviews.review(Reviews.PLAIN_POD, "other", "CREATE")).allowed()).isTrue();
    Decision legacy = decide(r, Reviews.review(Reviews.HOST_NETWORK_POD, "legacy", "CREATE"));
    assertThat(legacy.allowed()).isTrue();
    assertThat(legacy.auditAnnotations())
        .containsEntry("pod-security-enforce-policy", "privileged:latest");
  }

  @Test
  void controlModesByIdFrameworkAndSeverity() {
    String base =
        """
        apiVersion: kordon.dev/v1alpha1
        kind: AdmissionPolicy
        podSecurity:
          defaults: {enforce: privileged, warn: privileged, audit: privileged}
        """;
    ObjectNode review = Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE");
    Decision warn = decide(reviewer(base + "controls: {KOR-0001: warn}\n"), review);
    assertThat(warn.allowed()).isTrue();
    assertThat(warn.warnings())
        .containsExactly("KOR-0001 container \"app\" sets securityContext.privileged: true");

    Decision audit = decide(reviewer(base + "frameworks: {cis: audit}\n"), review);
    assertThat(audit.allowed()).isTrue();
    assertThat(audit.warnings()).isEmpty();
    assertThat(audit.auditAnnotations().get("audit-violations"))
        .startsWith("KOR-0001 container \"app\" sets securityContext.privileged: true");

    Decision off = decide(reviewer(base + "severities: {critical: off}\n"), review);
    assertThat(off.allowed()).isTrue();
    assertThat(off.hits())
        .contains(new Decision.Hit("KOR-0001", Mode.OFF))
        .noneMatch(h -> h.mode() == Mode.ENFORCE);

    // the control's own mode wins over its frameworks'
    Decision both =
        decide(reviewer(base + "controls: {KOR-0001: enforce}\nframeworks: {cis: off}\n"), review);
    assertThat(both.allowed()).isFalse();
  }

  @Test
  void exemptionsByNamespaceUserAndRuntimeClass() {
    String policy =
        """
        apiVersion: kordon.dev/v1alpha1
        kind: AdmissionPolicy
        exemptions:
          namespaces: [ops]
          usernames: [system:serviceaccount:ops:deployer]
          runtimeClasses: [kata]
        """;
    Reviewer r = reviewer(policy);
    Decision ns = decide(r, Reviews.review(Reviews.PRIVILEGED_POD, "ops", "CREATE"));
    assertThat(ns.outcome()).isEqualTo(Outcome.EXEMPT);
    assertThat(ns.auditAnnotations()).containsEntry("exempt", "namespace ops is exempt");

    ObjectNode byUser = Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE");
    ((ObjectNode) Reviews.request(byUser).path("userInfo"))
        .put("username", "system:serviceaccount:ops:deployer");
    assertThat(decide(r, byUser).outcome()).isEqualTo(Outcome.EXEMPT);

    ObjectNode kata = Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE");
    ((ObjectNode) Reviews.request(kata).path("object").path("spec"))
        .put("runtimeClassName", "kata");
    assertThat(decide(r, kata).outcome()).isEqualTo(Outcome.EXEMPT);

    assertThat(decide(r, Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE")).allowed())
        .isFalse();
  }

  @Test
  void deleteConnectSubresourcesAndUnknownKindsAreNotEvaluated() {
    Reviewer r = reviewer("");
    assertThat(decide(r, Reviews.review(Reviews.PRIVILEGED_POD, "shop", "DELETE")).outcome())
        .isEqualTo(Outcome.SKIPPED);
    ObjectNode status = Reviews.review(Reviews.PRIVILEGED_POD, "shop", "UPDATE");
    Reviews.request(status).put("subResource", "status");
    assertThat(decide(r, status).outcome()).isEqualTo(Outcome.SKIPPED);
    ObjectNode ephemeral = Reviews.review(Reviews.PRIVILEGED_POD, "shop", "UPDATE");
    Reviews.request(ephemeral).put("subResource", "ephemeralcontainers");
    assertThat(decide(r, ephemeral).allowed()).isFalse();
    String lease =
        "apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: c}\nspec: {}\n";
    Decision other = decide(r, Reviews.review(lease, "shop", "CREATE"));
    assertThat(other.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(other.note()).isEqualTo("kind Lease is not evaluated");
  }

  @Test
  void metadataOnlyUpdateOfAViolatingPodIsAllowedButASpecChangeIsJudged() {
    Reviewer r = reviewer("");
    ObjectNode update = Reviews.review(Reviews.PRIVILEGED_POD, "shop", "UPDATE");
    ObjectNode old = (ObjectNode) Reviews.request(update).path("object").deepCopy();
    ((ObjectNode) old.path("metadata")).putArray("finalizers").add("example.com/cleanup");
    Reviews.request(update).set("oldObject", old);
    assertThat(decide(r, update).outcome()).isEqualTo(Outcome.SKIPPED);

    ObjectNode changed = Reviews.review(Reviews.PRIVILEGED_POD, "shop", "UPDATE");
    ObjectNode before = (ObjectNode) Reviews.request(changed).path("object").deepCopy();
    ((ObjectNode) before.path("spec").path("containers").path(0)).put("image", "nginx:1.26");
    Reviews.request(changed).set("oldObject", before);
    assertThat(decide(r, changed).allowed()).isFalse();
  }

  @Test
  void exceptionsFileIsHonouredAndExpiryJudgedByTheClock(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    java.nio.file.Files.writeString(
        dir.resolve("exceptions.yaml"),
        """
        exceptions:
          - control: KOR-0001
            resource: {kind: Pod, namespace: shop, name: web}
            reason: vendor agent, ticket SEC-42
            expires: 2027-01-31
          - control: KOR-0001
            resource: {kind: Pod, namespace: shop, name: old}
            reason: expired on purpose
            expires: 2026-01-31
        """);
    AdmissionPolicy p =
        PolicyFile.parse(
            "policy.yaml",
            "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\nexceptions: exceptions.yaml\n"
                + "podSecurity: {defaults: {enforce: privileged}}\n",
            dir);
    Reviewer r = Reviewer.compile(p, RuleSource.NONE, CLOCK);
    Decision excepted = decide(r, Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE"));
    assertThat(excepted.allowed()).isTrue();
    assertThat(excepted.auditAnnotations())
        .containsEntry("excepted", "KOR-0001 (vendor agent, ticket SEC-42)");
    Decision expired =
        decide(
            r,
            Reviews.review(
                Reviews.PRIVILEGED_POD.replace("name: web", "name: old"), "shop", "CREATE"));
    assertThat(expired.allowed()).isFalse();
  }

  @Test
  void dryRunIsJudgedTheSame() {
    ObjectNode review = Reviews.review(Reviews.PRIVILEGED_POD, "shop", "CREATE");
    Reviews.request(review).put("dryRun", true);
    Decision d = decide(reviewer(""), review);
    assertThat(d.allowed()).isFalse();
  }

  @Test
  void valuesFromTheObjectCannotForgeLines() {
    String pod = Reviews.PRIVILEGED_POD.replace("name: app", "name: \"app\\nKOR-9999 forged\"");
    Decision d = decide(reviewer(""), Reviews.review(pod, "shop", "CREATE"));
    assertThat(d.denials()).allMatch(l -> !l.contains("\n"));
    assertThat(d.denials().get(0)).contains("app?KOR-9999 forged");
  }

  @Test
  void failureModeAnswersWhenEvaluationFails() {
    AdmissionRequest req =
        codec.parse(Reviews.bytes(Reviews.review(Reviews.PLAIN_POD, "shop", "CREATE")));
    Decision deny = reviewer("").failure(req, "boom");
    assertThat(deny.allowed()).isFalse();
    assertThat(deny.code()).isEqualTo(500);
    assertThat(deny.denials().get(0))
        .isEqualTo("kordon could not evaluate Pod/shop/plain: boom (denied: failureMode is deny)");
    Decision allow =
        reviewer("apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\nfailureMode: allow\n")
            .failure(req, "boom");
    assertThat(allow.allowed()).isTrue();
    assertThat(allow.warnings()).singleElement().asString().contains("admitted");
  }

  @Test
  void invalidPoliciesAreRejectedNamingTheField() {
    String head = "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\n";
    assertThatThrownBy(() -> reviewer(head + "contrls: {}\n"))
        .hasMessageContaining("unknown key 'contrls'");
    assertThatThrownBy(() -> reviewer(head + "controls: {KOR-0001: block}\n"))
        .hasMessageContaining("controls.KOR-0001: mode must be enforce, warn, audit or off");
    assertThatThrownBy(() -> reviewer(head + "controls: {KOR-4242: warn}\n"))
        .hasMessageContaining("unknown control KOR-4242");
    assertThatThrownBy(() -> reviewer(head + "frameworks: {soc2: warn}\n"))
        .hasMessageContaining("unknown framework 'soc2'");
    assertThatThrownBy(
            () ->
                reviewer(
                    head
                        + "podSecurity:\n  namespaces:\n    a:\n"
                        + "      pod-security.kubernetes.io/enforce: strict\n"))
        .hasMessageContaining("podSecurity.namespaces.a");
    assertThatThrownBy(() -> reviewer(head + "podSecurity: {defaults: {enforce-version: 1.30}}\n"))
        .hasMessageContaining("podSecurity.defaults.enforce");
    assertThatThrownBy(() -> reviewer(head + "rules: [cel/team.yaml]\n"))
        .hasMessageContaining("kordon-rules");
    assertThatThrownBy(() -> reviewer("apiVersion: v1\nkind: ConfigMap\n"))
        .hasMessageContaining("apiVersion must be kordon.dev/v1alpha1");
  }

  @Test
  void malformedBodiesAreBadReviews() {
    assertThatThrownBy(() -> codec.parse("not json".getBytes()))
        .isInstanceOf(BadReview.class)
        .hasMessageStartingWith("body is not valid JSON");
    assertThatThrownBy(() -> codec.parse("{\"kind\":\"Pod\"}".getBytes()))
        .hasMessage("expected kind AdmissionReview, got 'Pod'");
    assertThatThrownBy(
            () ->
                codec.parse(
                    "{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1beta1\"}"
                        .getBytes()))
        .hasMessageContaining("unsupported apiVersion 'admission.k8s.io/v1beta1'");
    ObjectNode noUid = Reviews.review(Reviews.PLAIN_POD, "shop", "CREATE");
    Reviews.request(noUid).remove("uid");
    assertThatThrownBy(() -> codec.parse(Reviews.bytes(noUid)))
        .hasMessage("request.uid is missing");
    String duplicate =
        "{\"kind\":\"AdmissionReview\",\"kind\":\"AdmissionReview\",\"apiVersion\":\"x\"}";
    assertThatThrownBy(() -> codec.parse(duplicate.getBytes())).hasMessageContaining("Duplicate");
    String deep = "[".repeat(ReviewCodec.MAX_NESTING + 5) + "]".repeat(ReviewCodec.MAX_NESTING + 5);
    assertThatThrownBy(() -> codec.parse(deep.getBytes())).isInstanceOf(BadReview.class);
  }
}
