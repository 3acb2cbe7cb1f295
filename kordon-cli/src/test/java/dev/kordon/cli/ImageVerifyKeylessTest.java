package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.image.testing.Cosign;
import dev.kordon.image.testing.Fixtures;
import dev.kordon.image.testing.Sigstore;
import dev.kordon.image.testing.TestImages;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code kordon image verify} keyless, through the real CLI, against a private Sigstore. */
class ImageVerifyKeylessTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String WHO =
      "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main";
  static final String ISSUER = "https://token.actions.githubusercontent.com";

  @TempDir Path tmp;

  /** A keyless-signed OCI layout and the trusted root that trusts its signer. */
  record Signed(String image, String digest, Path root) {}

  Signed signed(String who) throws Exception {
    Sigstore sigstore = new Sigstore();
    Path layout = tmp.resolve("app");
    String descriptor = TestImages.writeManifest(layout, Fixtures.alpine(), "amd64");
    String digest = TestImages.digestOf(descriptor);
    Instant at = Instant.parse("2025-06-01T12:00:00Z");
    sigstore.signLayout(
        layout,
        "v1",
        descriptor,
        sigstore.leaf(who, ISSUER, at),
        at,
        Cosign.payload("registry.example/app", digest));
    Path root = tmp.resolve("trusted_root.json");
    Files.writeString(root, sigstore.trustedRoot());
    return new Signed("oci:" + layout + ":v1", digest, root);
  }

  @Test
  void aKeylessSignatureNamesSignerIssuerAndDigest() throws Exception {
    Signed s = signed(WHO);
    CliRun ok =
        CliRun.of(
            "image",
            "verify",
            s.image(),
            "--certificate-identity",
            WHO,
            "--certificate-oidc-issuer",
            ISSUER,
            "--trusted-root",
            s.root().toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains(s.digest()).contains("verified").contains(WHO).contains(ISSUER);

    CliRun json =
        CliRun.of(
            "image",
            "verify",
            s.image(),
            "--certificate-identity-regexp",
            "https://github\\.com/acme/app/.*",
            "--certificate-oidc-issuer",
            ISSUER,
            "--trusted-root",
            s.root().toString(),
            "--format",
            "json");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode result = JSON.readTree(json.out()).path("sections").get(0).path("data").get(0);
    assertThat(result.path("verified").asBoolean()).isTrue();
    assertThat(result.path("signer").asString()).isEqualTo(WHO);
    assertThat(result.path("issuer").asString()).isEqualTo(ISSUER);
    assertThat(result.path("digest").asString()).isEqualTo(s.digest());
  }

  @Test
  void anotherSignerIsAFindingWithTheReason() throws Exception {
    Signed s = signed("https://github.com/mallory/fork/.github/workflows/x.yml@refs/heads/main");
    CliRun bad =
        CliRun.of(
            "image",
            "verify",
            s.image(),
            "--certificate-identity",
            WHO,
            "--certificate-oidc-issuer",
            ISSUER,
            "--trusted-root",
            s.root().toString(),
            "--format",
            "json");
    assertThat(bad.code()).isEqualTo(1);
    JsonNode finding = JSON.readTree(bad.out()).path("findings").get(0);
    assertThat(finding.path("controlId").asString()).isEqualTo("KOR-0452");
    assertThat(finding.path("message").asString())
        .contains(s.digest())
        .contains("is not signed by the identity \"" + WHO + "\" issued by " + ISSUER)
        .contains("signed by https://github.com/mallory/fork");
  }

  @Test
  void keyAndIdentityExcludeEachOtherAndOneIsRequired() throws Exception {
    Signed s = signed(WHO);
    Path pub = tmp.resolve("cosign.pub");
    Files.writeString(pub, Cosign.pem(Cosign.keyPair().getPublic()));
    CliRun both =
        CliRun.of(
            "image",
            "verify",
            s.image(),
            "--key",
            pub.toString(),
            "--certificate-identity",
            WHO,
            "--certificate-oidc-issuer",
            ISSUER);
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("exclude each other");
    CliRun none = CliRun.of("image", "verify", s.image());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("say who must have signed");
    CliRun noIssuer =
        CliRun.of(
            "image",
            "verify",
            s.image(),
            "--certificate-identity",
            WHO,
            "--trusted-root",
            s.root().toString());
    assertThat(noIssuer.code()).isEqualTo(2);
    assertThat(noIssuer.err()).contains("--certificate-oidc-issuer is required");
    Path broken = tmp.resolve("broken.json");
    Files.writeString(broken, "{\"mediaType\": 1");
    CliRun badRoot =
        CliRun.of(
            "image",
            "verify",
            s.image(),
            "--certificate-identity",
            WHO,
            "--certificate-oidc-issuer",
            ISSUER,
            "--trusted-root",
            broken.toString());
    assertThat(badRoot.code()).isEqualTo(2);
    assertThat(badRoot.err()).contains(broken.toString()).contains("not JSON (line 1)");
  }

  @Test
  void aRealPublicGoodBundleVerifiesOverABlob() throws Exception {
    Path root = copy("/sigstore/trusted_root.production.json", "trusted_root.json");
    Path artifact = copy("/sigstore/conformance/a.txt", "a.txt");
    Path bundle =
        copy("/sigstore/conformance/happy-path-v0.3/bundle.sigstore.json", "a.txt.sigstore.json");
    String who =
        "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/"
            + "workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    CliRun ok =
        CliRun.of(
            "image",
            "verify",
            "blob:" + artifact,
            "--bundle",
            bundle.toString(),
            "--certificate-identity",
            who,
            "--certificate-oidc-issuer",
            ISSUER,
            "--trusted-root",
            root.toString());
    assertThat(ok.code()).as(ok.err() + ok.out()).isZero();
    assertThat(ok.out()).contains("verified").contains("extremely-dangerous-oidc-beacon");
    Files.writeString(artifact, "not what was signed\n");
    CliRun bad =
        CliRun.of(
            "image",
            "verify",
            "blob:" + artifact,
            "--bundle",
            bundle.toString(),
            "--certificate-identity",
            who,
            "--certificate-oidc-issuer",
            ISSUER,
            "--trusted-root",
            root.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).contains("message digest is not the artifact's");
  }

  private Path copy(String resource, String name) throws Exception {
    Path target = tmp.resolve(name);
    try (InputStream in = ImageVerifyKeylessTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Files.copy(in, target);
    }
    return target;
  }
}
