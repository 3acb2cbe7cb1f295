package dev.kordon.image.sign;

import dev.kordon.image.layer.ImageReadException;
import dev.kordon.image.sign.KeylessVerifier.Artifact;
import dev.kordon.image.sign.KeylessVerifier.VerifiedSignature;
import dev.kordon.image.source.BlobStore;
import dev.kordon.image.source.Manifests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Keyless cosign image signatures: each layer of the {@code sha256-HEX.sig} manifest is a
 * simple-signing payload with its signature, Fulcio certificate and Rekor bundle in annotations. A
 * layer counts when the keyless checks pass over the payload's exact bytes and the payload names
 * the image's digest.
 */
public final class CosignKeylessVerifier implements ImageSignatureVerifier {

  private final KeylessVerifier keyless;

  public CosignKeylessVerifier(KeylessVerifier keyless) {
    this.keyless = keyless;
  }

  @Override
  public SignatureResult verify(
      String image, String digest, Optional<byte[]> signatureManifest, BlobStore store)
      throws IOException {
    if (signatureManifest.isEmpty()) {
      return SignatureResult.refused(
          image, digest, "no signature (no " + CosignVerifier.signatureTag(digest) + " tag)");
    }
    JsonNode manifest = Manifests.parse(image, signatureManifest.get());
    List<String> reasons = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      byte[] payload;
      try {
        payload = store.small(image, layer.path("digest").asString(""), CosignVerifier.MAX_PAYLOAD);
      } catch (ImageReadException e) {
        reasons.add("payload unreadable: " + e.getMessage());
        continue;
      }
      VerifiedSignature v;
      String reference;
      try {
        SigstoreBundle bundle = CosignAnnotations.bundle(layer.path("annotations"));
        v = keyless.verify(bundle, Artifact.of(payload));
        reference = SimpleSigning.reference(image, payload, digest);
      } catch (SigstoreException e) {
        reasons.add(e.getMessage());
        continue;
      }
      return new SignatureResult(image, digest, true, v.identity(), reference, "", v.issuer());
    }
    return SignatureResult.refused(
        image,
        digest,
        reasons.isEmpty() ? "signature manifest has no layers" : String.join("; ", reasons));
  }
}
