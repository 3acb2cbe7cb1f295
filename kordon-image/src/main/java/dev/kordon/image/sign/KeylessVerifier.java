package dev.kordon.image.sign;

import dev.kordon.image.sign.SigstoreBundle.Content;
import dev.kordon.image.sign.SigstoreBundle.DsseEnvelope;
import dev.kordon.image.sign.SigstoreBundle.MessageSignature;
import dev.kordon.image.sign.SigstoreBundle.TlogEntry;
import dev.kordon.image.sign.TrustedRoot.CertificateAuthority;
import dev.kordon.image.sign.TrustedRoot.TransparencyLog;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Keyless (Sigstore) verification, offline: a Fulcio certificate that chains to a CA of the trusted
 * root, names the expected identity and issuer, was valid when the Rekor log integrated the entry
 * (time proven by the log's signed entry timestamp), an entry about this very signature, and a
 * signature over the artifact. Each check fails closed with its own reason.
 */
public final class KeylessVerifier {

  static final String IN_TOTO = "application/vnd.in-toto+json";

  private final TrustedRoot root;
  private final CertificateIdentity identity;

  public KeylessVerifier(TrustedRoot root, CertificateIdentity identity) {
    this.root = root;
    this.identity = identity;
  }

  public CertificateIdentity identity() {
    return identity;
  }

  /**
   * What was signed: the artifact's bytes when known (a blob, a cosign payload), else only its
   * SHA-256 (an image digest that a DSSE statement names as its subject).
   */
  public record Artifact(Optional<byte[]> bytes, String sha256) {
    public static Artifact of(byte[] bytes) {
      return new Artifact(Optional.of(bytes.clone()), Crypto.hex(Crypto.sha256(bytes)));
    }

    /** An artifact known by digest only, {@code sha256:HEX} or bare hex. */
    public static Artifact digest(String digest) {
      return new Artifact(Optional.empty(), digest.replaceFirst("^sha256:", "").toLowerCase());
    }
  }

  /**
   * A signature that passed every check.
   *
   * @param identity the certificate's SAN that matched
   * @param logIndex the Rekor entry's index, {@code logUrl} the log
   */
  public record VerifiedSignature(
      String identity, String issuer, Instant integratedTime, long logIndex, String logUrl) {}

  public VerifiedSignature verify(SigstoreBundle bundle, Artifact artifact)
      throws SigstoreException {
    X509Certificate leaf = bundle.leaf();
    if (!bundle.version().equals("cosign")) {
      for (X509Certificate c : bundle.certificates()) {
        if (FulcioCertificate.selfSigned(c)) {
          throw new SigstoreException(
              "the bundle's certificate chain contains a root certificate ("
                  + c.getSubjectX500Principal()
                  + "): roots come from the trusted root only");
        }
      }
    }
    // the time is the log's, authenticated by its signed entry timestamp
    if (bundle.tlogEntries().isEmpty()) {
      throw new SigstoreException("the signature has no transparency log entry");
    }
    TlogEntry entry = null;
    TransparencyLog log = null;
    for (TlogEntry e : bundle.tlogEntries()) {
      log = checkEntry(bundle, e);
      entry = e;
    }
    Instant at = Instant.ofEpochSecond(entry.integratedTime());

    // the certificate: valid at the time, issued by a trusted CA, for code signing, for them
    if (at.isBefore(leaf.getNotBefore().toInstant())
        || at.isAfter(leaf.getNotAfter().toInstant())) {
      throw new SigstoreException(
          "the signing certificate was not valid at the integrated time "
              + at
              + " (valid "
              + leaf.getNotBefore().toInstant()
              + ".."
              + leaf.getNotAfter().toInstant()
              + ")");
    }
    CertificateAuthority ca = FulcioCertificate.chain(leaf, root, at);
    if (!FulcioCertificate.forCodeSigning(leaf)) {
      throw new SigstoreException("the signing certificate is not for code signing (no EKU)");
    }
    List<String> sans = FulcioCertificate.identities(leaf);
    String matched = sans.stream().filter(identity::matches).findFirst().orElse(null);
    if (matched == null) {
      throw new SigstoreException(
          "signed by "
              + (sans.isEmpty()
                  ? "a certificate without email or URI SAN"
                  : String.join(", ", sans))
              + ", not by the "
              + identity.describeIdentity());
    }
    String issuer = FulcioCertificate.issuer(leaf);
    if (!issuer.equals(identity.issuer())) {
      throw new SigstoreException(
          "the identity was vouched for by " + issuer + ", not by " + identity.issuer());
    }
    Sct.verify(leaf, ca.chain().get(0), root);

    // the signature over the artifact, and the log entry about exactly it
    verifySignature(bundle.content(), leaf.getPublicKey(), artifact);
    for (TlogEntry e : bundle.tlogEntries()) {
      LogEntryBody.check(e, bundle.content(), leaf, artifact.sha256());
    }
    return new VerifiedSignature(matched, issuer, at, entry.logIndex(), log.baseUrl());
  }

  private TransparencyLog checkEntry(SigstoreBundle bundle, TlogEntry e) throws SigstoreException {
    TransparencyLog log =
        root.tlog(e.logId())
            .orElseThrow(
                () ->
                    new SigstoreException(
                        "log entry "
                            + e.logIndex()
                            + " is from a log "
                            + root.source()
                            + " does not trust (log id "
                            + e.logId()
                            + ")"));
    Instant at = Instant.ofEpochSecond(e.integratedTime());
    if (!log.validFor().contains(at)) {
      throw new SigstoreException(
          "log entry "
              + e.logIndex()
              + " was integrated at "
              + at
              + ", outside the validity of the key of "
              + Rekor.name(log)
              + " ("
              + log.validFor()
              + ")");
    }
    if (e.signedEntryTimestamp().isEmpty()) {
      throw new SigstoreException(
          "log entry "
              + e.logIndex()
              + " has no signed entry timestamp (inclusionPromise): its time is not proven"
              + " (RFC 3161 timestamps are not supported)");
    }
    Rekor.verifySet(e, log);
    if (e.inclusionProof().isPresent()) {
      Rekor.verifyInclusion(e, log);
    } else if (!bundle.version().equals("0.1") && !bundle.version().equals("cosign")) {
      throw new SigstoreException(
          "log entry " + e.logIndex() + " has no inclusion proof, which a v0.2+ bundle needs");
    }
    return log;
  }

  private static void verifySignature(Content content, PublicKey key, Artifact artifact)
      throws SigstoreException {
    if (content instanceof MessageSignature m) {
      if (m.digest().isPresent() && !Crypto.hex(m.digest().get()).equals(artifact.sha256())) {
        throw new SigstoreException(
            "the bundle's message digest is not the artifact's (sha256:" + artifact.sha256() + ")");
      }
      boolean ok =
          artifact.bytes().isPresent()
              ? Crypto.verifies(key, artifact.bytes().get(), m.signature())
              : verifiesPrehashed(key, artifact.sha256(), m.signature());
      if (!ok) {
        throw new SigstoreException(
            "the signature does not verify over the artifact with the certificate's key");
      }
      return;
    }
    DsseEnvelope d = (DsseEnvelope) content;
    byte[] pae = pae(d.payloadType(), d.payload());
    if (!Crypto.verifies(key, pae, d.signatures().get(0))) {
      throw new SigstoreException("the DSSE signature does not verify with the certificate's key");
    }
    if (!d.payloadType().equals(IN_TOTO)) {
      throw new SigstoreException("unsupported DSSE payload type \"" + d.payloadType() + "\"");
    }
    JsonNode statement;
    try {
      statement = TrustedRoot.JSON.readTree(d.payload());
    } catch (JacksonException e) {
      throw new SigstoreException("the in-toto statement is not JSON");
    }
    String type = statement.path("_type").asString("");
    if (!type.startsWith("https://in-toto.io/Statement/")) {
      throw new SigstoreException("the DSSE payload is not an in-toto statement");
    }
    for (JsonNode subject : statement.path("subject")) {
      if (subject.path("digest").path("sha256").asString("").equalsIgnoreCase(artifact.sha256())) {
        return;
      }
    }
    throw new SigstoreException(
        "the in-toto statement has no subject with digest sha256:" + artifact.sha256());
  }

  /** DSSE pre-authentication encoding. */
  static byte[] pae(String type, byte[] payload) {
    byte[] t = type.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("DSSEv1 " + t.length + " " + type + " " + payload.length + " ")
            .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + payload.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(payload, 0, out, head.length, payload.length);
    return out;
  }

  /** ECDSA over a given SHA-256 (a hashedrekord of an artifact known only by digest). */
  private static boolean verifiesPrehashed(PublicKey key, String sha256, byte[] signature) {
    if (!(key instanceof ECPublicKey) || !Crypto.algorithm(key).equals("SHA256withECDSA")) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("NONEwithECDSA");
      s.initVerify(key);
      s.update(java.util.HexFormat.of().parseHex(sha256));
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
