package dev.kordon.image.sign;

/**
 * Who signed what.
 *
 * @param digest the image's manifest digest the signature must cover
 * @param signer the key's fingerprint when verified, else empty
 * @param signedReference the {@code docker-reference} the signed payload names
 * @param reason why it is not verified (empty when it is)
 */
public record SignatureResult(
    String image,
    String digest,
    boolean verified,
    String signer,
    String signedReference,
    String reason) {}
