package dev.kordon.image.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.image.sign.KeylessVerifier.Artifact;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundle-verification cases of sigstore-conformance (real bundles from the public-good
 * instance; see {@code src/test/resources/sigstore/README.md}): every happy path verifies, every
 * {@code _fail} case is refused.
 */
class SigstoreConformanceTest {

  static final String IDENTITY =
      "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/"
          + "workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
  static final String ISSUER = "https://token.actions.githubusercontent.com";

  /** Why each failing case fails: the check that must catch it. */
  static final Map<String, String> WHY =
      Map.ofEntries(
          Map.entry("bundle-empty-certificate-chain_fail", "certificate chain is empty"),
          Map.entry("bundle-from-wrong-instance_fail", "from a log"),
          Map.entry("bundle-invalid-base64-signature_fail", "signature is not base64"),
          Map.entry("bundle-malformed-json_fail", "bundle is not JSON"),
          Map.entry("bundle-negative-log-index_fail", "logIndex is negative"),
          Map.entry("bundle-unknown-version_fail", "unsupported bundle media type"),
          Map.entry("bundle-with-root-cert_fail", "contains a root certificate"),
          Map.entry("checkpoint-bad-keyhint_fail", "checkpoint is not signed"),
          Map.entry("checkpoint-wrong-roothash_fail", "is not the tree the inclusion proof is for"),
          Map.entry("dsse-invalid-sig_fail", "DSSE signature does not verify"),
          Map.entry("dsse-mismatch-envelope_fail", "is for another DSSE payload"),
          Map.entry("dsse-mismatch-sig_fail", "records another DSSE signature"),
          Map.entry("inclusion-proof-corrupted-hash_fail", "does not lead to its root hash"),
          Map.entry("incorrect-public-key_fail", "signed entry timestamp"),
          Map.entry("integrated-time-in-future_fail", "not valid at the integrated time"),
          Map.entry("intoto-expired-certificate_fail", "not valid at the integrated time"),
          Map.entry("intoto-log-entry-mismatch_fail", "(intoto 0.0.2)"),
          Map.entry("intoto-missing-inclusion-proof_fail", "has no inclusion proof"),
          Map.entry(
              "intoto-set-outside-signing-cert-validity_fail", "not valid at the integrated time"),
          Map.entry("invalid-checkpoint-signature_fail", "checkpoint is not signed"),
          Map.entry("invalid-ct-key_fail", "/ctlogs/0: unsupported public key"),
          Map.entry("invalid-inclusion-proof_fail", "does not lead to its root hash"),
          Map.entry("message-digest-mismatch_fail", "message digest is not the artifact's"),
          Map.entry("set-invalid-signature_fail", "signed entry timestamp"),
          Map.entry("signature-mismatch_fail", "signature does not verify over the artifact"),
          Map.entry("trust-root-tlog-missing-validity-start_fail", "validFor has no start"),
          Map.entry("wrong-hashedrekord-artifact_fail", "is for another artifact digest"),
          Map.entry("wrong-hashedrekord-cert-and-sig_fail", "records another signature"),
          Map.entry("wrong-hashedrekord-entry_fail", "is for another artifact digest"),
          Map.entry("wrong-material_fail", "message digest is not the artifact's"));

  static Path dir() throws URISyntaxException {
    return Path.of(SigstoreConformanceTest.class.getResource("/sigstore/conformance").toURI());
  }

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.list(dir())) {
      return s
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  static KeylessVerifier.VerifiedSignature run(String name) throws Exception {
    Path c = dir().resolve(name);
    Path rootFile =
        Files.exists(c.resolve("trusted_root.json"))
            ? c.resolve("trusted_root.json")
            : dir().resolveSibling("trusted_root.production.json");
    String identity = read(c.resolve("identity"), IDENTITY);
    String issuer = read(c.resolve("issuer"), ISSUER);
    Path artifact =
        Files.exists(c.resolve("artifact")) ? c.resolve("artifact") : dir().resolve("a.txt");
    TrustedRoot root = TrustedRoot.read(rootFile);
    SigstoreBundle bundle =
        SigstoreBundle.parse(name, Files.readAllBytes(c.resolve("bundle.sigstore.json")));
    return new KeylessVerifier(root, CertificateIdentity.exact(identity, issuer))
        .verify(bundle, Artifact.of(Files.readAllBytes(artifact)));
  }

  private static String read(Path p, String otherwise) throws IOException {
    return Files.exists(p) ? Files.readString(p).strip() : otherwise;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifiesAsTheConformanceSuiteExpects(String name) throws Exception {
    if (name.endsWith("_fail")) {
      assertThat(WHY).as("the reason expected for " + name).containsKey(name);
      assertThatThrownBy(() -> run(name))
          .isInstanceOf(SigstoreException.class)
          .hasMessageContaining(WHY.get(name));
    } else {
      KeylessVerifier.VerifiedSignature v = run(name);
      assertThat(v.issuer()).isNotBlank();
      assertThat(v.logIndex()).isPositive();
    }
  }
}
