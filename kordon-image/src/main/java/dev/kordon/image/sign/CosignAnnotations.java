package dev.kordon.image.sign;

import dev.kordon.image.sign.SigstoreBundle.MessageSignature;
import dev.kordon.image.sign.SigstoreBundle.TlogEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A keyless signature as cosign stores it on a layer of the {@code sha256-HEX.sig} manifest: the
 * signature, the Fulcio certificate and chain (PEM), and the Rekor bundle ({@code
 * {"SignedEntryTimestamp", "Payload": {"body", "integratedTime", "logIndex", "logID"}}}), read into
 * a {@link SigstoreBundle} so that both forms go through one verifier.
 */
public final class CosignAnnotations {
  private CosignAnnotations() {}

  public static final String CERTIFICATE = "dev.sigstore.cosign/certificate";
  public static final String CHAIN = "dev.sigstore.cosign/chain";
  public static final String BUNDLE = "dev.sigstore.cosign/bundle";

  /**
   * @param annotations the layer's annotations
   */
  public static SigstoreBundle bundle(JsonNode annotations) throws SigstoreException {
    String cert = annotations.path(CERTIFICATE).asString("");
    if (cert.isEmpty()) {
      throw new SigstoreException("signed with a key, not keyless (no " + CERTIFICATE + ")");
    }
    List<X509Certificate> certs = new ArrayList<>(pem(cert, CERTIFICATE));
    if (certs.size() != 1) {
      throw new SigstoreException(CERTIFICATE + " holds " + certs.size() + " certificates, not 1");
    }
    certs.addAll(pem(annotations.path(CHAIN).asString(""), CHAIN));
    String sig = annotations.path(CosignVerifier.SIGNATURE_ANNOTATION).asString("").strip();
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(sig);
    } catch (IllegalArgumentException e) {
      throw new SigstoreException(CosignVerifier.SIGNATURE_ANNOTATION + " is not base64");
    }
    String bundle = annotations.path(BUNDLE).asString("");
    if (bundle.isEmpty()) {
      throw new SigstoreException(
          "no transparency log bundle (" + BUNDLE + "): the signing time cannot be proven offline");
    }
    return new SigstoreBundle(
        "cosign", certs, List.of(entry(bundle)), new MessageSignature(Optional.empty(), signature));
  }

  static TlogEntry entry(String json) throws SigstoreException {
    JsonNode b;
    try {
      b = TrustedRoot.JSON.readTree(json);
    } catch (JacksonException e) {
      throw new SigstoreException(BUNDLE + " is not JSON");
    }
    JsonNode p = b.path("Payload");
    String where = BUNDLE + ": Payload";
    byte[] body = TrustedRoot.bytes(p, "body", where);
    String logId = p.path("logID").asString("");
    if (!logId.matches("[0-9a-fA-F]{64}")) {
      throw new SigstoreException(where + ": logID is not a hex SHA-256");
    }
    return new TlogEntry(
        SigstoreBundle.number(p, "logIndex", where),
        logId.toLowerCase(),
        "",
        "",
        SigstoreBundle.number(p, "integratedTime", where),
        body,
        Optional.of(TrustedRoot.bytes(b, "SignedEntryTimestamp", BUNDLE)),
        Optional.empty());
  }

  static List<X509Certificate> pem(String pem, String where) throws SigstoreException {
    List<X509Certificate> out = new ArrayList<>();
    if (pem.isBlank()) {
      return out;
    }
    try {
      for (Certificate c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) c);
      }
    } catch (GeneralSecurityException e) {
      throw new SigstoreException(where + " is not a PEM certificate: " + e.getMessage());
    }
    return out;
  }
}
