package dev.kordon.admission.signature;

import dev.kordon.image.sign.CosignVerifier;
import dev.kordon.image.sign.SignatureRequirement;
import dev.kordon.image.sign.SignatureResult;
import dev.kordon.image.source.ImageRef;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a signature must prove for an admission rule to be satisfied: any one of several signers,
 * each a {@link SignatureRequirement} (the one value {@code kordon image verify} and {@code scan
 * --images} check too), plus a stable identity for the webhook's verdict cache. One implementation
 * per way of signing: {@link KeyRequirement} (cosign key pairs) and {@link KeylessRequirement} (a
 * Sigstore certificate identity and OIDC issuer, checked offline against a trusted root).
 */
public sealed interface AcceptedSigners permits KeyRequirement, KeylessRequirement {

  /**
   * A stable identity, for caches: the same requirement in a reloaded policy keeps the verdicts
   * already cached, and a changed one (a new key, identity or trusted root) never reuses them.
   */
  String id();

  /** For messages: {@code a signature by key sha256:ab12...}. */
  String describe();

  /** The accepted signers, any one of which satisfies the rule, in the order they are tried. */
  List<SignatureRequirement> alternatives();

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
    for (SignatureRequirement signer : alternatives()) {
      SignatureResult r = signer.verifier().verify(image, digest, manifest, registry.store(ref));
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
