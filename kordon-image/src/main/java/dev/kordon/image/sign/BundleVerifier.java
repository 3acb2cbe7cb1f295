package dev.kordon.image.sign;

import dev.kordon.image.layer.ImageReadException;
import dev.kordon.image.sign.KeylessVerifier.Artifact;
import dev.kordon.image.sign.KeylessVerifier.VerifiedSignature;
import dev.kordon.image.source.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * A Sigstore bundle given beside the image (or beside any file), checked instead of the image's
 * {@code .sig} tag. For an image the artifact is its manifest digest: a DSSE statement must name it
 * as a subject, a message signature must be over it (as {@code cosign sign-blob} of the manifest
 * makes).
 */
public final class BundleVerifier implements ImageSignatureVerifier {

  /** Files up to this size are verified over their bytes; larger ones over a streamed digest. */
  static final long WHOLE = 64 << 20;

  private final KeylessVerifier keyless;
  private final SigstoreBundle bundle;

  public BundleVerifier(KeylessVerifier keyless, SigstoreBundle bundle) {
    this.keyless = keyless;
    this.bundle = bundle;
  }

  @Override
  public SignatureResult verify(
      String image, String digest, Optional<byte[]> signatureManifest, BlobStore store) {
    return result(image, digest, Artifact.digest(digest));
  }

  /** Verifies the bundle over a file named {@code blob:PATH}. */
  public static SignatureResult blob(KeylessVerifier keyless, SigstoreBundle bundle, String spec)
      throws IOException {
    Path file = Path.of(spec.substring("blob:".length()));
    if (!Files.isRegularFile(file)) {
      throw new ImageReadException(spec, "", "not a file");
    }
    Artifact artifact;
    if (Files.size(file) <= WHOLE) {
      artifact = Artifact.of(Files.readAllBytes(file));
    } else {
      try (InputStream in =
          new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        artifact =
            Artifact.digest(Crypto.hex(((DigestInputStream) in).getMessageDigest().digest()));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return new BundleVerifier(keyless, bundle)
        .result(spec, "sha256:" + artifact.sha256(), artifact);
  }

  private SignatureResult result(String image, String digest, Artifact artifact) {
    try {
      VerifiedSignature v = keyless.verify(bundle, artifact);
      return new SignatureResult(image, digest, true, v.identity(), "", "", v.issuer());
    } catch (SigstoreException e) {
      return SignatureResult.refused(image, digest, e.getMessage());
    }
  }
}
