package dev.kordon.image.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** A cosign public key ({@code cosign.pub}: PEM {@code PUBLIC KEY}, EC P-256 by default). */
public final class PublicKeys {
  private PublicKeys() {}

  public static PublicKey parsePem(String pem) throws GeneralSecurityException {
    String body =
        pem.replaceAll("-----BEGIN [A-Z ]*PUBLIC KEY-----", "")
            .replaceAll("-----END [A-Z ]*PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("not a PEM public key", e);
    }
    X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
    for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(spec);
      } catch (GeneralSecurityException tryNext) {
        // the key is of another algorithm
      }
    }
    throw new GeneralSecurityException("unsupported public key (EC, RSA or Ed25519 expected)");
  }

  /** {@code sha256:HEX} of the key's DER encoding: how results name the signer. */
  public static String fingerprint(PublicKey key) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String signatureAlgorithm(PublicKey key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> "Ed25519";
    };
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
