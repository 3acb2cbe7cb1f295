package dev.kordon.image.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.image.ImageReader;
import dev.kordon.image.layer.ImageLimits;
import dev.kordon.image.source.DockerConfig;
import dev.kordon.image.source.Platform;
import dev.kordon.image.testing.Cosign;
import dev.kordon.image.testing.Fixtures;
import dev.kordon.image.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key-based cosign signatures made with the JDK and with openssl, checked offline. */
class CosignVerifierTest {

  @TempDir Path tmp;

  static ImageReader reader() {
    return new ImageReader(DockerConfig.NONE, Platform.DEFAULT, false, ImageLimits.DEFAULT);
  }

  @Test
  void aSignatureByTheKeyOverTheDigestVerifies() throws Exception {
    KeyPair key = Cosign.keyPair();
    Path layout = tmp.resolve("app");
    String digest =
        Cosign.signedLayout(layout, "v1", Fixtures.alpine(), key, "registry.example/app");
    SignatureResult r =
        reader()
            .verify(
                "oci:" + layout + ":v1",
                new CosignVerifier(PublicKeys.parsePem(Cosign.pem(key.getPublic()))));
    assertThat(r.verified()).as(r.reason()).isTrue();
    assertThat(r.digest()).isEqualTo(digest);
    assertThat(r.signer()).isEqualTo(PublicKeys.fingerprint(key.getPublic()));
    assertThat(r.signedReference()).isEqualTo("registry.example/app");
  }

  @Test
  void anotherKeyDoesNotVerify() throws Exception {
    Path layout = tmp.resolve("app");
    Cosign.signedLayout(layout, "v1", Fixtures.alpine(), Cosign.keyPair(), "r/app");
    SignatureResult r =
        reader().verify("oci:" + layout + ":v1", new CosignVerifier(Cosign.keyPair().getPublic()));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).contains("does not verify");
  }

  @Test
  void aSignatureOfAnotherDigestDoesNotCount() throws Exception {
    KeyPair key = Cosign.keyPair();
    Path layout = tmp.resolve("app");
    String image = TestImages.writeManifest(layout, Fixtures.alpine(), "amd64");
    String digest = TestImages.digestOf(image);
    // a valid signature, copied from another image: it names another digest
    byte[] payload = Cosign.payload("r/app", "sha256:" + "1".repeat(64));
    String sig = Cosign.signatureManifest(layout, payload, Cosign.sign(key.getPrivate(), payload));
    TestImages.writeIndex(layout, Map.of("v1", image, digest.replace(':', '-') + ".sig", sig));
    SignatureResult r =
        reader().verify("oci:" + layout + ":v1", new CosignVerifier(key.getPublic()));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).contains("covers sha256:1111");
  }

  @Test
  void anUnsignedImageSaysSo() throws Exception {
    Path layout = tmp.resolve("app");
    String digest = TestImages.ociLayout(layout, "v1", Fixtures.alpine());
    SignatureResult r =
        reader().verify("oci:" + layout + ":v1", new CosignVerifier(Cosign.keyPair().getPublic()));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).contains("no signature").contains(digest.replace(':', '-') + ".sig");
  }

  @Test
  void aSignatureMadeWithOpensslVerifies() throws Exception {
    Path openssl = Path.of("/usr/bin/openssl");
    if (!Files.isExecutable(openssl)) {
      System.err.println("SKIPPED: openssl is not installed: the openssl-signed case is not run");
    }
    Assumptions.assumeTrue(Files.isExecutable(openssl), "openssl is not installed");
    Path priv = tmp.resolve("key.pem");
    Path pub = tmp.resolve("cosign.pub");
    run("openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", priv.toString());
    run("openssl", "ec", "-in", priv.toString(), "-pubout", "-out", pub.toString());
    Path layout = tmp.resolve("app");
    String image = TestImages.writeManifest(layout, Fixtures.alpine(), "amd64");
    String digest = TestImages.digestOf(image);
    Path payload = tmp.resolve("payload.json");
    Files.write(payload, Cosign.payload("r/app", digest));
    Path sig = tmp.resolve("payload.sig");
    run(
        "openssl",
        "dgst",
        "-sha256",
        "-sign",
        priv.toString(),
        "-out",
        sig.toString(),
        payload.toString());
    String sigManifest =
        Cosign.signatureManifest(
            layout,
            Files.readAllBytes(payload),
            Base64.getEncoder().encodeToString(Files.readAllBytes(sig)));
    TestImages.writeIndex(
        layout, Map.of("v1", image, digest.replace(':', '-') + ".sig", sigManifest));
    CosignVerifier verifier = new CosignVerifier(PublicKeys.parsePem(Files.readString(pub)));
    assertThat(reader().verify("oci:" + layout + ":v1", verifier).verified()).isTrue();
    // the same signature over a payload changed by one byte fails
    byte[] tampered = Files.readAllBytes(payload);
    tampered[tampered.length - 3] ^= 1;
    assertThat(
            verifier.verifies(
                tampered, Base64.getEncoder().encodeToString(Files.readAllBytes(sig))))
        .isFalse();
  }

  private void run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).directory(tmp.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
  }
}
