package dev.kordon.image.sign;

import dev.kordon.image.layer.ImageReadException;
import dev.kordon.image.source.Manifests;
import tools.jackson.databind.JsonNode;

/** Cosign's simple-signing payload: what an image signature says it covers. */
final class SimpleSigning {
  private SimpleSigning() {}

  /**
   * The payload's {@code docker-reference}, once it is known to be a cosign payload naming {@code
   * digest}.
   */
  static String reference(String image, byte[] payload, String digest) throws SigstoreException {
    JsonNode p;
    try {
      p = Manifests.parse(image, payload);
    } catch (ImageReadException e) {
      throw new SigstoreException("the signed payload is not JSON");
    }
    JsonNode critical = p.path("critical");
    if (!critical.path("type").asString("").equals(CosignVerifier.SIMPLE_SIGNING_TYPE)) {
      throw new SigstoreException("payload is not a cosign simple-signing payload");
    }
    String signed = critical.path("image").path("docker-manifest-digest").asString("");
    if (!signed.equals(digest)) {
      throw new SigstoreException("signature covers " + signed + ", not " + digest);
    }
    return critical.path("identity").path("docker-reference").asString("");
  }
}
