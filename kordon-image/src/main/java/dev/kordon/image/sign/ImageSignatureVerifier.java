package dev.kordon.image.sign;

import dev.kordon.image.source.BlobStore;
import java.io.IOException;
import java.util.Optional;

/** Checks the cosign signatures of one image: by key ({@link CosignVerifier}) or keyless. */
public interface ImageSignatureVerifier {

  /**
   * @param digest the image's manifest digest the signature must cover
   * @param signatureManifest the manifest at the {@code sha256-HEX.sig} tag, when there is one
   * @param store where its payload blobs are read
   */
  SignatureResult verify(
      String image, String digest, Optional<byte[]> signatureManifest, BlobStore store)
      throws IOException;
}
