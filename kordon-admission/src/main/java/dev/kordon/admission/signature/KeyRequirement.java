package dev.kordon.admission.signature;

import dev.kordon.image.sign.CosignVerifier;
import dev.kordon.image.sign.PublicKeys;
import dev.kordon.image.sign.SignatureResult;
import dev.kordon.image.source.ImageRef;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A cosign signature by any one of these public keys over the image's digest (a simple-signing
 * payload at the {@code sha256-HEX.sig} tag), checked by {@link CosignVerifier}.
 */
public record KeyRequirement(List<PublicKey> keys) implements SignatureRequirement {

  public KeyRequirement {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a key requirement needs at least one key");
    }
    keys = List.copyOf(keys);
  }

  /** The keys' fingerprints, sorted: the requirement's identity does not depend on the order. */
  public List<String> fingerprints() {
    return keys.stream().map(PublicKeys::fingerprint).sorted().distinct().toList();
  }

  @Override
  public String id() {
    return "keys:" + String.join(",", fingerprints());
  }

  @Override
  public String describe() {
    List<String> f = fingerprints();
    return f.size() == 1
        ? "a signature by key " + f.get(0)
        : "a signature by one of the keys " + String.join(", ", f);
  }

  @Override
  public SignatureVerdict check(RegistryAccess registry, ImageRef ref, String image, String digest)
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
    for (PublicKey key : keys) {
      SignatureResult r =
          new CosignVerifier(key).verify(image, digest, manifest, registry.store(ref));
      if (r.verified()) {
        return new SignatureVerdict(
            SignatureVerdict.Status.VERIFIED, image, digest, "signed by key " + r.signer());
      }
      reasons.add(r.reason());
    }
    return new SignatureVerdict(
        SignatureVerdict.Status.BAD_SIGNATURE,
        image,
        digest,
        "no valid signature: " + String.join("; ", new ArrayList<>(reasons)));
  }
}
