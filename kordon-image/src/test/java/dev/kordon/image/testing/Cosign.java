package dev.kordon.image.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs images as cosign does with a key pair, using the JDK's ECDSA (no cosign binary). */
public final class Cosign {
  private Cosign() {}

  public static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** The simple-signing payload cosign signs for an image digest. */
  public static byte[] payload(String reference, String digest) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\""
            + reference
            + "\"},\"image\":{\"docker-manifest-digest\":\""
            + digest
            + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static String sign(PrivateKey key, byte[] payload) throws GeneralSecurityException {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(payload);
    return Base64.getEncoder().encodeToString(s.sign());
  }

  /**
   * Writes a signature manifest into a layout (payload blob, signature annotation, empty config)
   * and returns its descriptor, for the index under the tag {@code sha256-HEX.sig}.
   */
  public static String signatureManifest(Path layout, byte[] payload, String base64Signature)
      throws IOException {
    return signatureManifest(
        layout, payload, Map.of("dev.cosignproject.cosign/signature", base64Signature));
  }

  /** The same with any layer annotations (keyless: certificate, chain, bundle). */
  public static String signatureManifest(
      Path layout, byte[] payload, Map<String, String> annotations) throws IOException {
    String config =
        TestImages.writeBlob(
            layout,
            "application/vnd.oci.image.config.v1+json",
            "{}".getBytes(StandardCharsets.UTF_8));
    String layer =
        TestImages.writeBlob(layout, "application/vnd.dev.cosign.simplesigning.v1+json", payload);
    layer =
        layer.substring(0, layer.length() - 1)
            + ",\"annotations\":"
            + tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .writeValueAsString(annotations)
            + "}";
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
            + config
            + ",\"layers\":["
            + layer
            + "]}";
    return TestImages.writeBlob(
        layout,
        "application/vnd.oci.image.manifest.v1+json",
        manifest.getBytes(StandardCharsets.UTF_8));
  }

  /** An OCI layout with an image tagged {@code tag} and its signature by {@code key}. */
  public static String signedLayout(
      Path layout, String tag, java.util.List<TestLayer> layers, KeyPair key, String reference)
      throws IOException, GeneralSecurityException {
    String image = TestImages.writeManifest(layout, layers, "amd64");
    String digest = TestImages.digestOf(image);
    byte[] payload = payload(reference, digest);
    String sig = signatureManifest(layout, payload, sign(key.getPrivate(), payload));
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(tag, image);
    tags.put(digest.replace(':', '-') + ".sig", sig);
    TestImages.writeIndex(layout, tags);
    return digest;
  }
}
