package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.admission.Decision.Outcome;
import dev.kordon.admission.ImageSignatures.Check;
import dev.kordon.admission.signature.RegistryUnavailable;
import dev.kordon.admission.signature.SignatureVerdict.Status;
import dev.kordon.image.sign.PublicKeys;
import dev.kordon.image.testing.Cosign;
import dev.kordon.image.testing.Sigstore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Signature checks against an in-memory registry: caching, budget, failure mode, messages. */
class ImageSignaturesTest {

  static final String APP = "registry.example.com/team/app:1.0";
  static final String UNSIGNED = "registry.example.com/team/tool:2";
  static final String OTHER = "quay.io/elsewhere/thing:3";

  final FakeRegistry registry = new FakeRegistry();
  final AtomicLong now = new AtomicLong();
  final ReviewCodec codec = new ReviewCodec();
  KeyPair key;
  String appDigest;
  String toolDigest;
  ImageSignatures signatures;

  @BeforeEach
  void setUp() throws Exception {
    key = Cosign.keyPair();
    appDigest = registry.tag(APP, "app");
    toolDigest = registry.tag(UNSIGNED, "tool");
    registry.sign(appDigest, key);
    signatures = ImageSignatures.create(registry, 64, 4, now::get);
  }

  @AfterEach
  void tearDown() {
    registry.gate.countDown();
    signatures.close();
  }

  String policy(String failureMode, String settings, String mode) {
    return "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\nfailureMode: "
        + failureMode
        + "\n"
        + settings
        + "imageSignatures:\n"
        + "  - name: team\n"
        + "    images: [registry.example.com/team/*]\n"
        + "    mode: "
        + mode
        + "\n"
        + "    keys:\n"
        + "      - pem: |\n"
        + SignaturePolicyTest.indent(Cosign.pem(key.getPublic()), "          ");
  }

  ImageSignaturePolicy rules(String settings) {
    return PolicyFile.parse("policy.yaml", policy("deny", settings, "enforce"), Path.of("."))
        .imageSignatures();
  }

  Reviewer reviewer(String yaml) {
    return Reviewer.compile(
        PolicyFile.parse("policy.yaml", yaml, Path.of(".")),
        RuleSource.NONE,
        signatures,
        ReviewerTest.CLOCK);
  }

  Decision review(Reviewer r, String podYaml) {
    ObjectNode review = Reviews.review(podYaml, "shop", "CREATE");
    return r.review(codec.parse(Reviews.bytes(review)));
  }

  static String pod(String... containerImages) {
    StringBuilder sb =
        new StringBuilder(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n");
    for (int i = 0; i < containerImages.length; i++) {
      sb.append("    - name: c").append(i).append("\n      image: ").append(containerImages[i]);
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void aTagIsResolvedOnceAndAVerifiedDigestIsNotVerifiedAgain() {
    ImageSignaturePolicy p = rules("");
    for (int i = 0; i < 3; i++) {
      List<Check> checks = signatures.check(List.of(APP), p);
      assertThat(checks).hasSize(1);
      assertThat(checks.get(0).verdict().status()).isEqualTo(Status.VERIFIED);
      assertThat(checks.get(0).verdict().digest()).isEqualTo(appDigest);
    }
    // the same digest, pinned: nothing to resolve, and the verdict is cached
    List<Check> pinned = signatures.check(List.of("registry.example.com/team/app@" + appDigest), p);
    assertThat(pinned.get(0).verdict().status()).isEqualTo(Status.VERIFIED);
    assertThat(registry.digestCalls).hasValue(1);
    assertThat(registry.signatureCalls).hasValue(1);
    assertThat(signatures.metrics())
        .contains("kordon_admission_image_cache_total{cache=\"tag\",result=\"hit\"} 2")
        .contains("kordon_admission_image_cache_total{cache=\"tag\",result=\"miss\"} 1")
        .contains("kordon_admission_image_cache_total{cache=\"signature\",result=\"hit\"} 3")
        .contains("kordon_admission_image_cache_total{cache=\"signature\",result=\"miss\"} 1")
        .contains("kordon_admission_image_signature_checks_total{result=\"verified\"} 4")
        .contains("kordon_admission_image_verification_duration_seconds_count 4");
  }

  @Test
  void aReloadedPolicyKeepsTheCachesAndANewKeyDoesNotReuseThem() throws Exception {
    String yaml = policy("deny", "", "enforce");
    assertThat(review(reviewer(yaml), pod(APP)).allowed()).isTrue();
    assertThat(review(reviewer(yaml), pod(APP)).allowed()).isTrue(); // a reload: new reviewer
    assertThat(registry.signatureCalls).hasValue(1);
    key = Cosign.keyPair(); // the policy now trusts another key only
    Decision d = review(reviewer(policy("deny", "", "enforce")), pod(APP));
    assertThat(d.allowed()).isFalse();
    assertThat(d.denials()).singleElement().asString().contains("does not verify with the key");
    assertThat(registry.signatureCalls).hasValue(2);
    assertThat(registry.digestCalls).hasValue(1);
  }

  @Test
  void theTagIsAskedAgainAfterItsTtlButTheDigestStaysVerified() {
    ImageSignaturePolicy p = rules("imageVerification:\n  tagTtl: 30s\n  verifiedTtl: 1h\n");
    signatures.check(List.of(APP), p);
    now.addAndGet(Duration.ofSeconds(29).toNanos());
    signatures.check(List.of(APP), p);
    assertThat(registry.digestCalls).hasValue(1);
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    signatures.check(List.of(APP), p);
    assertThat(registry.digestCalls).hasValue(2);
    assertThat(registry.signatureCalls).hasValue(1);
    now.addAndGet(Duration.ofHours(1).toNanos());
    signatures.check(List.of(APP), p);
    assertThat(registry.signatureCalls).hasValue(2);
  }

  @Test
  void aRejectionIsCachedBrieflyThenCheckedAgain() throws Exception {
    ImageSignaturePolicy p = rules("imageVerification:\n  rejectedTtl: 10s\n  tagTtl: 1h\n");
    assertThat(signatures.check(List.of(UNSIGNED), p).get(0).verdict().status())
        .isEqualTo(Status.UNSIGNED);
    assertThat(signatures.check(List.of(UNSIGNED), p).get(0).verdict().status())
        .isEqualTo(Status.UNSIGNED);
    assertThat(registry.signatureCalls).hasValue(1);
    registry.sign(toolDigest, key); // signed since
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(signatures.check(List.of(UNSIGNED), p).get(0).verdict().status())
        .isEqualTo(Status.VERIFIED);
    assertThat(registry.signatureCalls).hasValue(2);
  }

  @Test
  void anUnreachableRegistryIsNeverCached() {
    ImageSignaturePolicy p = rules("");
    registry.failure = new RegistryUnavailable("cannot reach registry.example.com", null);
    Check c = signatures.check(List.of(APP), p).get(0);
    assertThat(c.verdict().status()).isEqualTo(Status.UNREACHABLE);
    assertThat(c.verdict().detail()).contains("registry unreachable");
    registry.failure = null;
    assertThat(signatures.check(List.of(APP), p).get(0).verdict().status())
        .isEqualTo(Status.VERIFIED);
    assertThat(registry.digestCalls).hasValue(2);
  }

  @Test
  void imagesNoRuleMatchesAreNeverLookedUp() {
    assertThat(signatures.check(List.of(OTHER, "nginx:1.27"), rules(""))).isEmpty();
    assertThat(registry.digestCalls).hasValue(0);
  }

  @Test
  void distinctImagesOfOneReviewAreCheckedInParallel() throws Exception {
    // the registry answers only when both tags are asked at the same time: a sequential check
    // would wait for the barrier until it breaks and see an unreachable registry
    CyclicBarrier both = new CyclicBarrier(2);
    FakeRegistry meeting =
        new FakeRegistry() {
          @Override
          public java.util.Optional<String> digest(dev.kordon.image.source.ImageRef ref)
              throws java.io.IOException {
            try {
              both.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
              throw new RegistryUnavailable("the other image was not asked in parallel", e);
            }
            return super.digest(ref);
          }
        };
    String a = meeting.tag(APP, "app");
    String b = meeting.tag(UNSIGNED, "tool");
    meeting.sign(a, key);
    meeting.sign(b, key);
    try (ImageSignatures s = ImageSignatures.create(meeting, 64, 4, now::get)) {
      List<Check> checks =
          s.check(List.of(APP, UNSIGNED), rules("imageVerification:\n  budget: 60s\n"));
      assertThat(checks).extracting(c -> c.verdict().status()).containsOnly(Status.VERIFIED);
      assertThat(checks).extracting(c -> c.verdict().digest()).containsExactly(a, b);
    }
  }

  @Test
  void aStalledRegistryIsDecidedByTheFailureModeWithinTheBudget() {
    registry.gate = new CountDownLatch(1); // every request waits until released
    String settings = "imageVerification:\n  budget: 200ms\n";
    Decision denied = review(reviewer(policy("deny", settings, "enforce")), pod(APP));
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(denied.code()).isEqualTo(500);
    assertThat(denied.denials())
        .containsExactly(
            "image "
                + APP
                + " (digest unknown): resolving the tag did not finish within the budget of 200"
                + " ms; rule 'team' requires a signature by key "
                + PublicKeys.fingerprint(key.getPublic())
                + " (denied: failureMode is deny)");

    Decision admitted = review(reviewer(policy("allow", settings, "enforce")), pod(APP));
    assertThat(admitted.allowed()).isTrue();
    assertThat(admitted.warnings())
        .anyMatch(w -> w.contains("did not finish within the budget of 200 ms"))
        .anyMatch(w -> w.endsWith("(admitted: failureMode is allow)"));

    // the stalled request goes on after the answer and fills the cache for the retry
    registry.gate.countDown();
    Decision retry = review(reviewer(policy("deny", settings, "enforce")), pod(APP));
    assertThat(retry.allowed()).isTrue();
    assertThat(registry.digestCalls).hasValue(1);
  }

  @Test
  void aWarnRuleNeverDeniesEvenWhenTheRegistryStalls() {
    registry.gate = new CountDownLatch(1);
    Decision d =
        review(reviewer(policy("deny", "imageVerification:\n  budget: 100ms\n", "warn")), pod(APP));
    assertThat(d.allowed()).isTrue();
    assertThat(d.warnings()).anyMatch(w -> w.contains("did not finish within the budget"));
  }

  @Test
  void theDecisionNamesTheDigestOfEveryCheckedImage() {
    Decision d = review(reviewer(policy("deny", "", "enforce")), pod(APP, UNSIGNED, OTHER));
    assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(d.code()).isEqualTo(403);
    assertThat(d.denials())
        .filteredOn(l -> l.startsWith("image "))
        .containsExactly(
            "image "
                + UNSIGNED
                + " ("
                + toolDigest
                + "): no signature (no "
                + toolDigest.replace(':', '-')
                + ".sig tag); rule 'team' requires a signature by key "
                + PublicKeys.fingerprint(key.getPublic()));
    assertThat(d.auditAnnotations().get("image-signatures-verified"))
        .isEqualTo(
            APP + " = " + appDigest + " signed by key " + PublicKeys.fingerprint(key.getPublic()));
    assertThat(d.hits()).contains(new Decision.Hit(SignatureFindings.HIT_ID, Mode.ENFORCE));
  }

  @Test
  void everyKindOfContainerInPodsAndTemplatesIsChecked() {
    Reviewer r = reviewer(policy("deny", "", "enforce"));
    String deployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              initContainers:
                - name: setup
                  image: %s
              containers:
                - name: api
                  image: %s
        """
            .formatted(UNSIGNED, APP);
    assertThat(review(r, deployment).denials())
        .anyMatch(l -> l.startsWith("image " + UNSIGNED + " (" + toolDigest + ")"));
    String ephemeral =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
        spec:
          containers:
            - name: app
              image: %s
          ephemeralContainers:
            - name: debugger
              image: %s
        """
            .formatted(APP, UNSIGNED);
    assertThat(review(r, ephemeral).denials())
        .anyMatch(l -> l.startsWith("image " + UNSIGNED + " (" + toolDigest + ")"));
    assertThat(review(r, pod(APP)).allowed()).isTrue();
  }

  @Test
  void aSignatureByAnotherKeyIsABadSignature() throws Exception {
    registry.sign(toolDigest, Cosign.keyPair());
    Decision d = review(reviewer(policy("allow", "", "enforce")), pod(UNSIGNED));
    assertThat(d.allowed()).isFalse(); // a verdict on the image: the failure mode does not apply
    assertThat(d.denials())
        .singleElement()
        .asString()
        .contains(
            "(" + toolDigest + "): no valid signature: signature does not verify with the key");
  }

  @Test
  void aKeylessRuleAcceptsItsIdentityAndNoOther(@TempDir Path dir) throws Exception {
    Sigstore sigstore = new Sigstore();
    Files.writeString(dir.resolve("trusted_root.json"), sigstore.trustedRoot());
    Instant at = Instant.parse("2025-06-01T12:00:00Z");
    String issuer = "https://issuer.example.com";
    registry.signKeyless(appDigest, sigstore, "ci@example.com", issuer, at);
    registry.signKeyless(toolDigest, sigstore, "mallory@example.com", issuer, at);
    String yaml =
        "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\nfailureMode: deny\n"
            + "imageSignatures:\n"
            + "  - name: ci\n"
            + "    images: [registry.example.com/team/*]\n"
            + "    keyless:\n"
            + "      identities:\n"
            + "        - subject: ci@example.com\n"
            + "          issuer: "
            + issuer
            + "\n"
            + "      trustedRoot: {file: trusted_root.json}\n";
    Reviewer r =
        Reviewer.compile(
            PolicyFile.parse("policy.yaml", yaml, dir),
            RuleSource.NONE,
            signatures,
            ReviewerTest.CLOCK);

    Decision signed = review(r, pod(APP));
    assertThat(signed.allowed()).isTrue();
    assertThat(signed.auditAnnotations().get("image-signatures-verified"))
        .isEqualTo(APP + " = " + appDigest + " signed by ci@example.com issued by " + issuer);

    Decision other = review(r, pod(UNSIGNED));
    assertThat(other.allowed()).isFalse();
    assertThat(other.denials())
        .singleElement()
        .asString()
        .startsWith("image " + UNSIGNED + " (" + toolDigest + "): no valid signature: ")
        .contains("mallory@example.com")
        .endsWith(
            "rule 'ci' requires a keyless signature by identity \"ci@example.com\" issued by "
                + issuer);

    // a key-signed image does not satisfy a keyless rule
    registry.sign(toolDigest, key);
    signatures.close();
    signatures = ImageSignatures.create(registry, 64, 4, now::get);
    Reviewer again =
        Reviewer.compile(
            PolicyFile.parse("policy.yaml", yaml, dir),
            RuleSource.NONE,
            signatures,
            ReviewerTest.CLOCK);
    assertThat(review(again, pod(UNSIGNED)).allowed()).isFalse();
  }

  @Test
  void anUnknownTagIsDenied() {
    Decision d =
        review(reviewer(policy("allow", "", "enforce")), pod("registry.example.com/team/gone:9"));
    assertThat(d.denials())
        .singleElement()
        .asString()
        .contains("registry.example.com/team/gone:9 (digest unknown): tag 9 is unknown");
  }
}
