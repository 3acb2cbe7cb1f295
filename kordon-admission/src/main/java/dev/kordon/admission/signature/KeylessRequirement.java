package dev.kordon.admission.signature;

import dev.kordon.image.sign.CertificateIdentity;
import dev.kordon.image.sign.SignatureRequirement;
import dev.kordon.image.sign.SignatureRequirement.Keyless;
import dev.kordon.image.sign.TrustedRoot;
import java.util.List;

/**
 * A keyless cosign signature (a Fulcio certificate, logged in Rekor) by any one of these
 * identities, verified offline against a Sigstore trusted root.
 *
 * @param rootDigest the SHA-256 of the trusted root file as read: part of the cache identity, so a
 *     rotated root never reuses verdicts reached under the old one
 */
public record KeylessRequirement(
    List<CertificateIdentity> identities, TrustedRoot root, String rootDigest)
    implements AcceptedSigners {

  public KeylessRequirement {
    if (identities.isEmpty()) {
      throw new IllegalArgumentException("a keyless requirement needs at least one identity");
    }
    identities = List.copyOf(identities);
  }

  @Override
  public String id() {
    return "keyless:"
        + rootDigest
        + ":"
        + String.join(
            ",",
            identities.stream()
                .map(i -> (i.regexp() ? "re " : "") + i.identity() + " " + i.issuer())
                .sorted()
                .toList());
  }

  @Override
  public String describe() {
    return identities.size() == 1
        ? "a keyless signature by " + identities.get(0).describe()
        : "a keyless signature by one of "
            + String.join("; ", identities.stream().map(CertificateIdentity::describe).toList());
  }

  @Override
  public List<SignatureRequirement> alternatives() {
    return identities.stream().<SignatureRequirement>map(i -> new Keyless(i, root)).toList();
  }
}
