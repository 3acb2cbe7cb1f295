package dev.kordon.admission.signature;

import dev.kordon.image.source.ImageRef;
import java.io.IOException;

/**
 * What a signature must prove for a rule to be satisfied. One implementation per way of signing:
 * {@link KeyRequirement} (cosign key pairs) today; a keyless requirement (certificate identity and
 * OIDC issuer over a Sigstore bundle) joins this list when its verifier lands.
 */
public sealed interface SignatureRequirement permits KeyRequirement {

  /**
   * A stable identity, for caches: the same requirement in a reloaded policy keeps the verdicts
   * already cached, and a changed one (a new key) never reuses them.
   */
  String id();

  /** For messages: {@code a signature by key sha256:ab12...}. */
  String describe();

  /**
   * Checks the signatures of one image digest.
   *
   * @return {@link SignatureVerdict.Status#VERIFIED}, {@code UNSIGNED} or {@code BAD_SIGNATURE}
   * @throws RegistryUnavailable when the registry cannot be asked
   * @throws IOException when its answer is unusable (read as a bad signature by the caller)
   */
  SignatureVerdict check(RegistryAccess registry, ImageRef ref, String image, String digest)
      throws IOException;
}
