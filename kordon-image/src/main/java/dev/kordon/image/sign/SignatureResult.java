package dev.kordon.image.sign;

/**
 * Who signed what.
 *
 * @param digest the image's manifest digest the signature must cover
 * @param signer the key's fingerprint (key-based) or the certificate identity (keyless) when
 *     verified, else empty
 * @param signedReference the {@code docker-reference} the signed payload names
 * @param reason why it is not verified (empty when it is)
 * @param issuer keyless: the OIDC issuer that vouched for the signer; empty for a key
 */
public record SignatureResult(
    String image,
    String digest,
    boolean verified,
    String signer,
    String signedReference,
    String reason,
    String issuer) {

  /** A key-based result (no issuer). */
  public SignatureResult(
      String image,
      String digest,
      boolean verified,
      String signer,
      String signedReference,
      String reason) {
    this(image, digest, verified, signer, signedReference, reason, "");
  }

  static SignatureResult refused(String image, String digest, String reason) {
    return new SignatureResult(image, digest, false, "", "", reason, "");
  }
}
