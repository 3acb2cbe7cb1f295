package dev.kordon.admission.signature;

import dev.kordon.image.sign.CosignVerifier;
import dev.kordon.image.sign.PublicKeys;
import dev.kordon.image.sign.SignatureRequirement;
import java.security.PublicKey;
import java.util.List;

/**
 * A cosign signature by any one of these public keys over the image's digest (a simple-signing
 * payload at the {@code sha256-HEX.sig} tag), checked by {@link CosignVerifier}.
 */
public record KeyRequirement(List<PublicKey> keys) implements AcceptedSigners {

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
  public List<SignatureRequirement> alternatives() {
    return keys.stream().<SignatureRequirement>map(SignatureRequirement.Key::new).toList();
  }
}
