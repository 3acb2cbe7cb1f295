package dev.kordon.image.sign;

import java.security.PublicKey;

/**
 * Who must have signed an image: the one value a caller (the CLI, a workload scan, an admission
 * policy) builds from its options and turns into a verifier.
 */
public sealed interface SignatureRequirement {

  ImageSignatureVerifier verifier();

  /** For headings and messages: {@code key sha256:...} or the identity and issuer. */
  String describe();

  /** Signed with this key (cosign key pair). */
  record Key(PublicKey key) implements SignatureRequirement {
    @Override
    public ImageSignatureVerifier verifier() {
      return new CosignVerifier(key);
    }

    @Override
    public String describe() {
      return "key " + PublicKeys.fingerprint(key);
    }
  }

  /** Signed keyless by this identity, checked against this trusted root. */
  record Keyless(CertificateIdentity identity, TrustedRoot root) implements SignatureRequirement {
    @Override
    public ImageSignatureVerifier verifier() {
      return new CosignKeylessVerifier(new KeylessVerifier(root, identity));
    }

    @Override
    public String describe() {
      return identity.describe();
    }
  }
}
