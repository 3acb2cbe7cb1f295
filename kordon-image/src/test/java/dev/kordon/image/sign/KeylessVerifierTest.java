package dev.kordon.image.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.image.testing.Cosign;
import dev.kordon.image.testing.Fixtures;
import dev.kordon.image.testing.Sigstore;
import dev.kordon.image.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless cosign image signatures against a private Sigstore made in the test: one passing case,
 * then one case per check, each made to fail on purpose and recognised by its reason.
 */
class KeylessVerifierTest {

  static final String WHO = "ci@example.com";
  static final String ISSUER = "https://accounts.example.com";
  static final Instant SIGNED = Instant.parse("2025-06-01T12:00:00Z");

  static Sigstore sigstore;
  static TrustedRoot root;

  @TempDir Path tmp;

  @BeforeAll
  static void instance() throws Exception {
    sigstore = new Sigstore();
    root = TrustedRoot.parse("test-root", sigstore.trustedRoot().getBytes(StandardCharsets.UTF_8));
  }

  /** An image in an OCI layout, its digest, and the payload cosign would sign for it. */
  record Image(Path layout, String descriptor, String digest) {
    byte[] payload() {
      return Cosign.payload("registry.example/app", digest);
    }

    String spec() {
      return "oci:" + layout + ":v1";
    }
  }

  Image image() throws Exception {
    Path layout = tmp.resolve("app");
    String descriptor = TestImages.writeManifest(layout, Fixtures.alpine(), "amd64");
    return new Image(layout, descriptor, TestImages.digestOf(descriptor));
  }

  SignatureResult verify(Image image, CertificateIdentity identity) throws Exception {
    return verify(image, identity, root);
  }

  SignatureResult verify(Image image, CertificateIdentity identity, TrustedRoot trust)
      throws Exception {
    return CosignVerifierTest.reader()
        .verify(image.spec(), new SignatureRequirement.Keyless(identity, trust).verifier());
  }

  SignatureResult signedAndVerified(Sigstore.Leaf leaf, Instant integrated, CertificateIdentity id)
      throws Exception {
    Image image = image();
    sigstore.signLayout(
        image.layout(), "v1", image.descriptor(), leaf, integrated, image.payload());
    return verify(image, id);
  }

  @Test
  void aKeylessSignatureNamesWhoSignedWhichDigest() throws Exception {
    Image image = image();
    Sigstore.Leaf leaf = sigstore.leaf(WHO, ISSUER, SIGNED);
    sigstore.signLayout(
        image.layout(), "v1", image.descriptor(), leaf, SIGNED.plusSeconds(5), image.payload());
    SignatureResult r = verify(image, CertificateIdentity.exact(WHO, ISSUER));
    assertThat(r.verified()).as(r.reason()).isTrue();
    assertThat(r.digest()).isEqualTo(image.digest());
    assertThat(r.signer()).isEqualTo(WHO);
    assertThat(r.issuer()).isEqualTo(ISSUER);
    assertThat(r.signedReference()).isEqualTo("registry.example/app");
  }

  @Test
  void aUriIdentityMatchesByRegexpOverTheWholeSan() throws Exception {
    String workflow = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.0";
    Sigstore.Leaf leaf =
        sigstore.leaf(workflow, "https://token.actions.githubusercontent.com", SIGNED);
    String issuer = "https://token.actions.githubusercontent.com";
    assertThat(
            signedAndVerified(
                    leaf,
                    SIGNED,
                    CertificateIdentity.regexp(
                        "https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v.*",
                        issuer))
                .verified())
        .isTrue();
    // a pattern that only occurs inside the SAN does not match: the whole SAN must
    SignatureResult r =
        signedAndVerified(leaf, SIGNED, CertificateIdentity.regexp("acme/app", issuer));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).contains("signed by " + workflow).contains("/acme/app/");
  }

  @Test
  void anotherIdentityIsRefused() throws Exception {
    SignatureResult r =
        signedAndVerified(
            sigstore.leaf("mallory@example.com", ISSUER, SIGNED),
            SIGNED,
            CertificateIdentity.exact(WHO, ISSUER));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).contains("signed by mallory@example.com, not by the identity \"" + WHO);
  }

  @Test
  void anotherIssuerIsRefused() throws Exception {
    SignatureResult r =
        signedAndVerified(
            sigstore.leaf(WHO, "https://evil.example", SIGNED),
            SIGNED,
            CertificateIdentity.exact(WHO, ISSUER));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).contains("vouched for by https://evil.example, not by " + ISSUER);
  }

  @Test
  void theFirstIssuerExtensionIsReadWhenTheSecondIsAbsent() throws Exception {
    Sigstore.Leaf leaf =
        sigstore.leaf(
            WHO,
            ISSUER,
            Sigstore.ISSUER_V1,
            SIGNED,
            sigstore.intermediate,
            sigstore.intermediateKey,
            sigstore.ctKey);
    assertThat(signedAndVerified(leaf, SIGNED, CertificateIdentity.exact(WHO, ISSUER)).verified())
        .isTrue();
  }

  @Test
  void aCertificateExpiredAtTheIntegratedTimeIsRefused() throws Exception {
    // the leaf is valid ten minutes; the log integrated the entry after twenty
    SignatureResult r =
        signedAndVerified(
            sigstore.leaf(WHO, ISSUER, SIGNED),
            SIGNED.plusSeconds(1200),
            CertificateIdentity.exact(WHO, ISSUER));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).contains("not valid at the integrated time 2025-06-01T12:20:00Z");
  }

  @Test
  void aSetByAnotherLogKeyIsRefused() throws Exception {
    Image image = image();
    Sigstore.Leaf leaf = sigstore.leaf(WHO, ISSUER, SIGNED);
    byte[] payload = image.payload();
    byte[] sig = Sigstore.sign(leaf.key().getPrivate(), payload);
    KeyPair forged = dev.kordon.image.testing.Cosign.keyPair();
    Sigstore.Entry real = sigstore.hashedRekord(payload, sig, leaf, SIGNED);
    Sigstore.Entry fake = sigstore.hashedRekord(payload, sig, leaf, SIGNED, forged);
    // the real log's id, the forger's signature
    Sigstore.Entry entry =
        new Sigstore.Entry(
            real.body(), real.logIndex(), real.integratedTime(), real.logId(), fake.set());
    String manifest =
        Cosign.signatureManifest(image.layout(), payload, sigstore.annotations(sig, leaf, entry));
    TestImages.writeIndex(
        image.layout(),
        java.util.Map.of(
            "v1", image.descriptor(), image.digest().replace(':', '-') + ".sig", manifest));
    SignatureResult r = verify(image, CertificateIdentity.exact(WHO, ISSUER));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason())
        .contains("signed entry timestamp of log entry 4242 does not verify")
        .contains("https://rekor.kordon.test");
  }

  @Test
  void anEntryOfAnUnknownLogIsRefused() throws Exception {
    Sigstore other = new Sigstore();
    TrustedRoot otherLogs =
        TrustedRoot.parse(
            "other-logs",
            sigstore
                .trustedRoot(
                    List.of(sigstore.root),
                    other.rekorKey.getPublic(),
                    sigstore.ctKey.getPublic(),
                    "")
                .getBytes(StandardCharsets.UTF_8));
    Image image = image();
    sigstore.signLayout(
        image.layout(),
        "v1",
        image.descriptor(),
        sigstore.leaf(WHO, ISSUER, SIGNED),
        SIGNED,
        image.payload());
    SignatureResult r = verify(image, CertificateIdentity.exact(WHO, ISSUER), otherLogs);
    assertThat(r.reason()).contains("is from a log other-logs does not trust");
  }

  @Test
  void aCertificateFromAnUntrustedCaIsRefused() throws Exception {
    Sigstore rogue = new Sigstore();
    Sigstore.Leaf leaf =
        sigstore.leaf(
            WHO,
            ISSUER,
            Sigstore.ISSUER_V2,
            SIGNED,
            rogue.intermediate,
            rogue.intermediateKey,
            sigstore.ctKey);
    SignatureResult r = signedAndVerified(leaf, SIGNED, CertificateIdentity.exact(WHO, ISSUER));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).contains("signing certificate untrusted");
  }

  @Test
  void aCaOutsideItsValidityWindowVouchesForNothing() throws Exception {
    TrustedRoot ended =
        TrustedRoot.parse(
            "ended",
            sigstore
                .trustedRoot(
                    List.of(sigstore.root),
                    sigstore.rekorKey.getPublic(),
                    sigstore.ctKey.getPublic(),
                    "2025-01-01T00:00:00Z")
                .getBytes(StandardCharsets.UTF_8));
    Image image = image();
    sigstore.signLayout(
        image.layout(),
        "v1",
        image.descriptor(),
        sigstore.leaf(WHO, ISSUER, SIGNED),
        SIGNED,
        image.payload());
    SignatureResult r = verify(image, CertificateIdentity.exact(WHO, ISSUER), ended);
    assertThat(r.reason()).contains("no certificate authority of ended was valid at 2025-06-01");
  }

  @Test
  void anSctFromAnUntrustedCtLogIsRefused() throws Exception {
    Sigstore.Leaf leaf =
        sigstore.leaf(
            WHO,
            ISSUER,
            Sigstore.ISSUER_V2,
            SIGNED,
            sigstore.intermediate,
            sigstore.intermediateKey,
            Cosign.keyPair());
    SignatureResult r = signedAndVerified(leaf, SIGNED, CertificateIdentity.exact(WHO, ISSUER));
    assertThat(r.reason()).contains("SCT is not valid: its SCT is from a CT log");
  }

  @Test
  void aTamperedPayloadIsRefused() throws Exception {
    Image image = image();
    Sigstore.Leaf leaf = sigstore.leaf(WHO, ISSUER, SIGNED);
    byte[] signedPayload = image.payload();
    byte[] sig = Sigstore.sign(leaf.key().getPrivate(), signedPayload);
    Sigstore.Entry entry = sigstore.hashedRekord(signedPayload, sig, leaf, SIGNED);
    // the stored payload differs from the signed one by its reference
    byte[] stored = Cosign.payload("registry.example/evil", image.digest());
    String manifest =
        Cosign.signatureManifest(image.layout(), stored, sigstore.annotations(sig, leaf, entry));
    TestImages.writeIndex(
        image.layout(),
        java.util.Map.of(
            "v1", image.descriptor(), image.digest().replace(':', '-') + ".sig", manifest));
    SignatureResult r = verify(image, CertificateIdentity.exact(WHO, ISSUER));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).contains("signature does not verify over the artifact");
  }

  @Test
  void aSignatureOfAnotherDigestDoesNotCount() throws Exception {
    Image image = image();
    Sigstore.Leaf leaf = sigstore.leaf(WHO, ISSUER, SIGNED);
    sigstore.signLayout(
        image.layout(),
        "v1",
        image.descriptor(),
        leaf,
        SIGNED,
        Cosign.payload("registry.example/app", "sha256:" + "1".repeat(64)));
    SignatureResult r = verify(image, CertificateIdentity.exact(WHO, ISSUER));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).contains("signature covers sha256:1111").contains(image.digest());
  }

  @Test
  void aKeySignedImageIsNotKeyless() throws Exception {
    Path layout = tmp.resolve("keyed");
    Cosign.signedLayout(layout, "v1", Fixtures.alpine(), Cosign.keyPair(), "r/app");
    SignatureResult r =
        CosignVerifierTest.reader()
            .verify(
                "oci:" + layout + ":v1",
                new SignatureRequirement.Keyless(CertificateIdentity.exact(WHO, ISSUER), root)
                    .verifier());
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).contains("signed with a key, not keyless");
  }

  @Test
  void anUnsignedImageSaysSo() throws Exception {
    Path layout = tmp.resolve("plain");
    String digest = TestImages.ociLayout(layout, "v1", Fixtures.alpine());
    SignatureResult r =
        CosignVerifierTest.reader()
            .verify(
                "oci:" + layout + ":v1",
                new SignatureRequirement.Keyless(CertificateIdentity.exact(WHO, ISSUER), root)
                    .verifier());
    assertThat(r.reason()).contains("no signature").contains(digest.replace(':', '-') + ".sig");
  }

  @Test
  void identitiesAreValidatedWhenMade() {
    assertThatThrownBy(() -> CertificateIdentity.regexp("(", ISSUER))
        .hasMessageContaining("does not compile");
    assertThatThrownBy(() -> CertificateIdentity.exact(WHO, " ")).hasMessageContaining("issuer");
  }

  @Test
  void aTrustedRootWithoutValidityStartIsRefused() {
    String json =
        sigstore
            .trustedRoot()
            .replaceFirst("\"validFor\":\\{\"start\":\"[^\"]+\"", "\"validFor\":{");
    assertThatThrownBy(() -> TrustedRoot.parse("r.json", json.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("r.json: /tlogs/0/publicKey: validFor has no start");
  }

  @Test
  void aV01BundleOverTheManifestDigestVerifiesTheImage() throws Exception {
    Image image = image();
    TestImages.writeIndex(image.layout(), java.util.Map.of("v1", image.descriptor()));
    byte[] manifest =
        java.nio.file.Files.readAllBytes(
            image.layout().resolve("blobs/sha256/" + image.digest().substring(7)));
    Sigstore.Leaf leaf = sigstore.leaf(WHO, ISSUER, SIGNED);
    byte[] sig = Sigstore.sign(leaf.key().getPrivate(), manifest);
    Sigstore.Entry e = sigstore.hashedRekord(manifest, sig, leaf, SIGNED);
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    String json =
        "{\"mediaType\":\"application/vnd.dev.sigstore.bundle+json;version=0.1\","
            + "\"verificationMaterial\":{\"x509CertificateChain\":{\"certificates\":[{\"rawBytes\":\""
            + b64.encodeToString(leaf.cert().getEncoded())
            + "\"}]},\"tlogEntries\":[{\"logIndex\":\""
            + e.logIndex()
            + "\",\"logId\":{\"keyId\":\""
            + b64.encodeToString(java.util.HexFormat.of().parseHex(e.logId()))
            + "\"},\"kindVersion\":{\"kind\":\"hashedrekord\",\"version\":\"0.0.1\"},"
            + "\"integratedTime\":\""
            + e.integratedTime()
            + "\",\"inclusionPromise\":{\"signedEntryTimestamp\":\""
            + b64.encodeToString(e.set())
            + "\"},\"canonicalizedBody\":\""
            + b64.encodeToString(e.body())
            + "\"}]},\"messageSignature\":{\"signature\":\""
            + b64.encodeToString(sig)
            + "\"}}";
    SigstoreBundle bundle = SigstoreBundle.parse("b.json", json.getBytes(StandardCharsets.UTF_8));
    KeylessVerifier keyless = new KeylessVerifier(root, CertificateIdentity.exact(WHO, ISSUER));
    // the bundle is checked over the image's digest alone: ECDSA over the given SHA-256
    SignatureResult r =
        CosignVerifierTest.reader().verify(image.spec(), new BundleVerifier(keyless, bundle));
    assertThat(r.verified()).as(r.reason()).isTrue();
    assertThat(r.signer()).isEqualTo(WHO);
    SignatureResult other =
        new BundleVerifier(keyless, bundle)
            .verify("x", "sha256:" + "2".repeat(64), java.util.Optional.empty(), null);
    assertThat(other.verified()).isFalse();
    assertThat(other.reason()).contains("signature does not verify over the artifact");
  }
}
