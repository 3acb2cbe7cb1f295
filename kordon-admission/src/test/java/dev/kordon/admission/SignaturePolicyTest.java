package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.admission.signature.KeyRequirement;
import dev.kordon.admission.signature.KeylessRequirement;
import dev.kordon.image.sign.CertificateIdentity;
import dev.kordon.image.sign.PublicKeys;
import dev.kordon.image.testing.Cosign;
import dev.kordon.image.testing.Sigstore;
import dev.kordon.source.YamlTrees.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The imageSignatures and imageVerification sections of the policy file. */
class SignaturePolicyTest {

  @TempDir Path tmp;

  static final String HEAD = "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\n";

  static String indent(String text, String prefix) {
    return prefix + text.strip().replace("\n", "\n" + prefix) + "\n";
  }

  AdmissionPolicy parse(String yaml) {
    return PolicyFile.parse("policy.yaml", HEAD + yaml, tmp);
  }

  @Test
  void readsRulesWithInlineAndFileKeysAndSettings() throws Exception {
    KeyPair a = Cosign.keyPair();
    KeyPair b = Cosign.keyPair();
    Files.writeString(tmp.resolve("team.pub"), Cosign.pem(b.getPublic()));
    AdmissionPolicy p =
        parse(
            "imageVerification:\n  budget: 1500ms\n  tagTtl: 1m\n  verifiedTtl: 2h\n"
                + "  rejectedTtl: 5s\n"
                + "imageSignatures:\n"
                + "  - name: team\n"
                + "    images: [registry.example.com/team/*, ghcr.io/acme/**]\n"
                + "    keys:\n"
                + "      - pem: |\n"
                + indent(Cosign.pem(a.getPublic()), "          ")
                + "      - file: team.pub\n"
                + "    mode: warn\n"
                + "  - images: [nginx]\n"
                + "    keys: [{file: team.pub}]\n");
    ImageSignaturePolicy s = p.imageSignatures();
    assertThat(s.budget()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.tagTtl()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.verifiedTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(s.rejectedTtl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.rules()).hasSize(2);
    SignatureRule team = s.rules().get(0);
    assertThat(team.name()).isEqualTo("team");
    assertThat(team.mode()).isEqualTo(Mode.WARN);
    assertThat(((KeyRequirement) team.requirement()).fingerprints())
        .containsExactlyInAnyOrder(
            PublicKeys.fingerprint(a.getPublic()), PublicKeys.fingerprint(b.getPublic()));
    SignatureRule second = s.rules().get(1);
    assertThat(second.name()).isEqualTo("imageSignatures[1]");
    assertThat(second.mode()).isEqualTo(Mode.ENFORCE);
    assertThat(second.images().get(0).normal()).isEqualTo("docker.io/library/nginx");
  }

  @Test
  void readsAKeylessRuleWithItsTrustedRoot() throws Exception {
    Files.writeString(tmp.resolve("root.json"), new Sigstore().trustedRoot());
    AdmissionPolicy p =
        parse(
            "imageSignatures:\n"
                + "  - images: [ghcr.io/acme/**]\n"
                + "    keyless:\n"
                + "      identities:\n"
                + "        - subject: ci@acme.example\n"
                + "          issuer: https://accounts.example.com\n"
                + "        - subjectRegExp: 'https://github[.]com/acme/.*'\n"
                + "          issuer: https://token.actions.githubusercontent.com\n"
                + "      trustedRoot: {file: root.json}\n");
    KeylessRequirement k = (KeylessRequirement) p.imageSignatures().rules().get(0).requirement();
    assertThat(k.identities()).extracting(CertificateIdentity::regexp).containsExactly(false, true);
    assertThat(k.describe()).startsWith("a keyless signature by one of identity \"ci@acme");
    assertThat(p.imageSignatures().keyFiles()).containsExactly("root.json");
  }

  @Test
  void keylessErrorsNameLineAndField() throws Exception {
    Files.writeString(tmp.resolve("root.json"), new Sigstore().trustedRoot());
    Files.writeString(tmp.resolve("bad.json"), "{\"mediaType\": 1}");
    String rule = "imageSignatures:\n  - images: [a/b]\n";
    assertError(
        rule + "    keys: [{file: x.pub}]\n    keyless: {}\n",
        "policy.yaml:4: imageSignatures[0]: must have exactly one of keys");
    assertError(
        rule
            + "    keyless:\n      identities: [{subject: a@b}]\n"
            + "      trustedRoot: {file: root.json}\n",
        "policy.yaml:6: imageSignatures[0].keyless.identities[0].issuer: must be the OIDC issuer");
    assertError(
        rule
            + "    keyless:\n      identities: [{subjectRegExp: '(', issuer: https://i}]\n"
            + "      trustedRoot: {file: root.json}\n",
        "imageSignatures[0].keyless.identities[0].subjectRegExp: the identity regexp does not");
    assertError(
        rule + "    keyless:\n      identities: [{subject: a@b, issuer: https://i}]\n",
        "imageSignatures[0].keyless.trustedRoot: must be {file: trusted_root.json}");
    assertError(
        rule
            + "    keyless:\n      identities: [{subject: a@b, issuer: https://i}]\n"
            + "      trustedRoot: {file: bad.json}\n",
        "policy.yaml:7: imageSignatures[0].keyless.trustedRoot.file: ");
  }

  @Test
  void withoutTheSectionsNothingIsChecked() {
    AdmissionPolicy p = parse("failureMode: deny\n");
    assertThat(p.imageSignatures().isEmpty()).isTrue();
    assertThat(p.imageSignatures().budget()).isEqualTo(ImageSignaturePolicy.DEFAULT_BUDGET);
  }

  @Test
  void errorsNameFileLineAndField() throws Exception {
    String key = Cosign.pem(Cosign.keyPair().getPublic());
    String rule =
        "imageSignatures:\n"
            + "  - images: [ok.example/a/*]\n"
            + "    keys:\n"
            + "      - pem: |\n"
            + indent(key, "          ");
    assertError(
        "imageSignatures:\n  - images: [ghcr.io/a/app:v1]\n    keys: [{file: x.pub}]\n",
        "policy.yaml:4: imageSignatures[0].images[0]: 'ghcr.io/a/app:v1': patterns name"
            + " repositories; drop the tag");
    assertError(
        "imageSignatures:\n  - images: [ghcr.io/a/*]\n",
        "policy.yaml:4: imageSignatures[0]: must have exactly one of keys");
    assertError(
        "imageSignatures:\n  - images: [ghcr.io/a/*]\n    keys: []\n",
        "policy.yaml:5: imageSignatures[0].keys: must be a non-empty list");
    assertError(
        "imageSignatures:\n  - images: [ghcr.io/a/*]\n    keys: [{file: missing.pub}]\n",
        "policy.yaml:5: imageSignatures[0].keys[0].file: cannot read "
            + tmp.resolve("missing.pub"));
    assertError(
        rule + "    mode: block\n",
        "policy.yaml:"
            + (7 + key.strip().split("\n").length)
            + ": imageSignatures[0].mode: must be"
            + " enforce, warn, audit or off, not 'block'");
    assertError(
        rule + "    image: [typo]\n",
        "imageSignatures[0]: unknown key 'image' (expected one of images, keyless, keys, mode, name)");
    assertError(
        "imageVerification:\n  budget: 3 seconds\n",
        "policy.yaml:4: imageVerification.budget: must be a duration such as 500ms");
    assertError(
        "imageSignatures:\n  - images: [ghcr.io/a/*]\n    keys:\n      - pem: not a key\n",
        "policy.yaml:6: imageSignatures[0].keys[0].pem: the inline key holds no PEM public key");
  }

  @Test
  void aPrivateKeyIsRefusedWithoutEchoingIt() throws Exception {
    String priv =
        "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB0secretsecretsecretsecretsecret=\n"
            + "-----END EC PRIVATE KEY-----\n";
    Files.writeString(tmp.resolve("cosign.key"), priv);
    assertThatThrownBy(
            () ->
                parse(
                    "imageSignatures:\n  - images: [ghcr.io/a/*]\n"
                        + "    keys: [{file: cosign.key}]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("holds a EC PRIVATE KEY; give the public key")
        .hasMessageNotContaining("secret");
  }

  @Test
  void aPolicyWithRulesNeedsRegistryAccess() throws Exception {
    Files.writeString(tmp.resolve("k.pub"), Cosign.pem(Cosign.keyPair().getPublic()));
    AdmissionPolicy p =
        parse("imageSignatures:\n  - images: [ghcr.io/a/*]\n    keys: [{file: k.pub}]\n");
    assertThatThrownBy(() -> Reviewer.compile(p, RuleSource.NONE, ReviewerTest.CLOCK))
        .hasMessageContaining("imageSignatures needs registry access");
  }

  private void assertError(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
