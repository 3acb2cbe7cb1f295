package dev.kordon.image.sign;

import dev.kordon.image.layer.ImageReadException;
import dev.kordon.image.source.BlobStore;
import dev.kordon.image.source.Manifests;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Key-based cosign verification: the signature manifest at tag {@code sha256-HEX.sig} holds one
 * layer per signature, a simple-signing JSON payload with its signature in the {@code
 * dev.cosignproject.cosign/signature} annotation. A signature counts when it verifies with the key
 * over the payload's exact bytes and the payload names the image's digest.
 */
public final class CosignVerifier implements ImageSignatureVerifier {

  static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  static final String SIMPLE_SIGNING_TYPE = "cosign container image signature";
  static final long MAX_PAYLOAD = 1 << 20;

  private final PublicKey key;

  public CosignVerifier(PublicKey key) {
    this.key = key;
  }

  /** The tag cosign stores an image's signatures under. */
  public static String signatureTag(String digest) {
    return digest.replace(':', '-') + ".sig";
  }

  /**
   * Verifies the signatures of one image.
   *
   * @param signatureManifest the manifest at the signature tag, when there is one
   * @param store where its payload blobs are read
   */
  @Override
  public SignatureResult verify(
      String image, String digest, Optional<byte[]> signatureManifest, BlobStore store)
      throws IOException {
    if (signatureManifest.isEmpty()) {
      return new SignatureResult(
          image, digest, false, "", "", "no signature (no " + signatureTag(digest) + " tag)");
    }
    JsonNode manifest = Manifests.parse(image, signatureManifest.get());
    List<String> reasons = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      String sig = layer.path("annotations").path(SIGNATURE_ANNOTATION).asString("");
      String payloadDigest = layer.path("digest").asString("");
      if (sig.isEmpty()) {
        reasons.add("a layer without a signature annotation");
        continue;
      }
      byte[] payload;
      try {
        payload = store.small(image, payloadDigest, MAX_PAYLOAD);
      } catch (ImageReadException e) {
        reasons.add("payload unreadable: " + e.getMessage());
        continue;
      }
      if (!verifies(payload, sig)) {
        reasons.add("signature does not verify with the key");
        continue;
      }
      JsonNode p = Manifests.parse(image, payload);
      JsonNode critical = p.path("critical");
      String signedDigest = critical.path("image").path("docker-manifest-digest").asString("");
      if (!critical.path("type").asString("").equals(SIMPLE_SIGNING_TYPE)) {
        reasons.add("payload is not a cosign simple-signing payload");
        continue;
      }
      if (!signedDigest.equals(digest)) {
        reasons.add("signature covers " + signedDigest + ", not " + digest);
        continue;
      }
      return new SignatureResult(
          image,
          digest,
          true,
          PublicKeys.fingerprint(key),
          critical.path("identity").path("docker-reference").asString(""),
          "");
    }
    return new SignatureResult(
        image,
        digest,
        false,
        "",
        "",
        reasons.isEmpty() ? "signature manifest has no layers" : String.join("; ", reasons));
  }

  boolean verifies(byte[] payload, String base64Signature) {
    try {
      byte[] sig = Base64.getDecoder().decode(base64Signature.strip());
      Signature s = Signature.getInstance(PublicKeys.signatureAlgorithm(key));
      s.initVerify(key);
      s.update(payload);
      return s.verify(sig);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
