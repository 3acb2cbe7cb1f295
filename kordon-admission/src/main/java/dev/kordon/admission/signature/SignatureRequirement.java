package dev.kordon.admission.signature;

import dev.kordon.image.sign.CosignVerifier;
import dev.kordon.image.sign.ImageSignatureVerifier;
import dev.kordon.image.sign.SignatureResult;
import dev.kordon.image.source.ImageRef;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a signature must prove for a rule to be satisfied. One implementation per way of signing:
 * {@link KeyRequirement} (cosign key pairs) and {@link KeylessRequirement} (a Sigstore certificate
 * identity and OIDC issuer, checked offline against a trusted root). Either is satisfied by any one
 * of its alternatives (keys, identities).
 */
public sealed interface SignatureRequirement permits KeyRequirement, KeylessRequirement {

  /**
   * A stable identity, for caches: the same requirement in a reloaded policy keeps the verdicts
   * already cached, and a changed one (a new key, identity or trusted root) never reuses them.
   */
  String id();

  /** For messages: {@code a signature by key sha256:ab12...}. */
  String describe();

  /** One verifier per accepted alternative, tried in order. */
  List<ImageSignatureVerifier> verifiers();

  /**
   * Checks the signatures of one image digest.
   *
   * @return {@link SignatureVerdict.Status#VERIFIED}, {@code UNSIGNED} or {@code BAD_SIGNATURE}
   * @throws RegistryUnavailable when the registry cannot be asked
   * @throws IOException when its answer is unusable (read as a bad signature by the caller)
   */
  default SignatureVerdict check(RegistryAccess registry, ImageRef ref, String image, String digest)
      throws IOException {
    Optional<byte[]> manifest = registry.signatureManifest(ref, digest);
    if (manifest.isEmpty()) {
      return new SignatureVerdict(
          SignatureVerdict.Status.UNSIGNED,
          image,
          digest,
          "no signature (no " + CosignVerifier.signatureTag(digest) + " tag)");
    }
    Set<String> reasons = new LinkedHashSet<>();
    for (ImageSignatureVerifier verifier : verifiers()) {
      SignatureResult r = verifier.verify(image, digest, manifest, registry.store(ref));
      if (r.verified()) {
        return new SignatureVerdict(
            SignatureVerdict.Status.VERIFIED, image, digest, "signed by " + signer(r));
      }
      reasons.add(r.reason());
    }
    return new SignatureVerdict(
        SignatureVerdict.Status.BAD_SIGNATURE,
        image,
        digest,
        "no valid signature: " + String.join("; ", reasons));
  }

  private static String signer(SignatureResult r) {
    return r.issuer().isEmpty() ? "key " + r.signer() : r.signer() + " issued by " + r.issuer();
  }
}
