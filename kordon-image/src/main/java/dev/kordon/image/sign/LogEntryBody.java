package dev.kordon.image.sign;

import dev.kordon.image.sign.SigstoreBundle.Content;
import dev.kordon.image.sign.SigstoreBundle.DsseEnvelope;
import dev.kordon.image.sign.SigstoreBundle.MessageSignature;
import dev.kordon.image.sign.SigstoreBundle.TlogEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The log entry must be about this signature: a valid SET over an entry for another artifact, key
 * or signature proves nothing (CVE-2022-36056). Rekor {@code hashedrekord} and {@code dsse} 0.0.1
 * entries are compared field by field with the bundle.
 */
final class LogEntryBody {
  private LogEntryBody() {}

  /**
   * @param artifactSha256 the artifact's SHA-256 (hex) for a message signature
   */
  static void check(TlogEntry e, Content content, X509Certificate leaf, String artifactSha256)
      throws SigstoreException {
    JsonNode body;
    try {
      body = TrustedRoot.JSON.readTree(e.body());
    } catch (JacksonException ex) {
      throw new SigstoreException("log entry " + e.logIndex() + ": body is not JSON");
    }
    String kind = body.path("kind").asString("");
    String version = body.path("apiVersion").asString("");
    if ((!e.kind().isEmpty() && !e.kind().equals(kind))
        || (!e.kindVersion().isEmpty() && !e.kindVersion().equals(version))) {
      throw new SigstoreException(
          "log entry "
              + e.logIndex()
              + " is a "
              + kind
              + " "
              + version
              + " but the bundle says "
              + e.kind()
              + " "
              + e.kindVersion());
    }
    JsonNode spec = body.path("spec");
    String where = "log entry " + e.logIndex() + " (" + kind + " " + version + ")";
    if (kind.equals("hashedrekord") && version.equals("0.0.1")) {
      if (!(content instanceof MessageSignature m)) {
        throw new SigstoreException(where + " is for a message signature, the bundle has DSSE");
      }
      JsonNode hash = spec.path("data").path("hash");
      if (!hash.path("algorithm").asString("").equals("sha256")
          || !hash.path("value").asString("").equalsIgnoreCase(artifactSha256)) {
        throw new SigstoreException(where + " is for another artifact digest");
      }
      if (!MessageDigest.isEqual(
          decode(spec.path("signature").path("content"), where), m.signature())) {
        throw new SigstoreException(where + " records another signature");
      }
      sameCertificate(
          decode(spec.path("signature").path("publicKey").path("content"), where), leaf, where);
      return;
    }
    if (kind.equals("dsse") && version.equals("0.0.1")) {
      if (!(content instanceof DsseEnvelope d)) {
        throw new SigstoreException(where + " is for DSSE, the bundle has a message signature");
      }
      JsonNode payloadHash = spec.path("payloadHash");
      if (!payloadHash.path("algorithm").asString("").equals("sha256")
          || !payloadHash
              .path("value")
              .asString("")
              .equalsIgnoreCase(Crypto.hex(Crypto.sha256(d.payload())))) {
        throw new SigstoreException(where + " is for another DSSE payload");
      }
      List<JsonNode> sigs = new ArrayList<>();
      spec.path("signatures").forEach(sigs::add);
      if (sigs.size() != d.signatures().size()) {
        throw new SigstoreException(where + " records another set of DSSE signatures");
      }
      for (byte[] sig : d.signatures()) {
        boolean found = false;
        for (JsonNode s : sigs) {
          if (MessageDigest.isEqual(decode(s.path("signature"), where), sig)) {
            sameCertificate(decode(s.path("verifier"), where), leaf, where);
            found = true;
          }
        }
        if (!found) {
          throw new SigstoreException(where + " records another DSSE signature");
        }
      }
      return;
    }
    if (kind.equals("intoto") && version.equals("0.0.2")) {
      if (!(content instanceof DsseEnvelope d)) {
        throw new SigstoreException(where + " is for DSSE, the bundle has a message signature");
      }
      JsonNode c = spec.path("content");
      JsonNode payloadHash = c.path("payloadHash");
      if (!payloadHash.path("algorithm").asString("").equals("sha256")
          || !payloadHash
              .path("value")
              .asString("")
              .equalsIgnoreCase(Crypto.hex(Crypto.sha256(d.payload())))) {
        throw new SigstoreException(where + " is for another DSSE payload");
      }
      JsonNode envelope = c.path("envelope");
      if (!envelope.path("payloadType").asString("").equals(d.payloadType())) {
        throw new SigstoreException(where + " records another DSSE payload type");
      }
      List<JsonNode> sigs = new ArrayList<>();
      envelope.path("signatures").forEach(sigs::add);
      if (sigs.size() != d.signatures().size()) {
        throw new SigstoreException(where + " records another set of DSSE signatures");
      }
      for (byte[] sig : d.signatures()) {
        boolean found = false;
        for (JsonNode s : sigs) {
          // intoto 0.0.2 stores each signature base64-encoded twice
          byte[] once = decode(s.path("sig"), where);
          byte[] recorded;
          try {
            recorded = Base64.getDecoder().decode(once);
          } catch (IllegalArgumentException ex) {
            throw new SigstoreException(where + ": a recorded signature is not base64");
          }
          if (MessageDigest.isEqual(recorded, sig)) {
            sameCertificate(decode(s.path("publicKey"), where), leaf, where);
            found = true;
          }
        }
        if (!found) {
          throw new SigstoreException(where + " records another DSSE signature");
        }
      }
      return;
    }
    throw new SigstoreException(
        where + ": unsupported log entry kind (hashedrekord 0.0.1, dsse 0.0.1, intoto 0.0.2)");
  }

  private static void sameCertificate(byte[] pem, X509Certificate leaf, String where)
      throws SigstoreException {
    String text = new String(pem, StandardCharsets.US_ASCII);
    String b64 = text.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException ex) {
      throw new SigstoreException(where + ": the recorded certificate is not PEM");
    }
    try {
      if (!MessageDigest.isEqual(der, leaf.getEncoded())) {
        throw new SigstoreException(where + " records another signing certificate");
      }
    } catch (java.security.cert.CertificateEncodingException ex) {
      throw new SigstoreException(where + ": the signing certificate cannot be encoded");
    }
  }

  private static byte[] decode(JsonNode n, String where) throws SigstoreException {
    try {
      return Base64.getDecoder().decode(n.asString(""));
    } catch (IllegalArgumentException ex) {
      throw new SigstoreException(where + ": a field is not base64");
    }
  }
}
