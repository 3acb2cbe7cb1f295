package dev.kordon.image.sign;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Sigstore bundle (media types {@code application/vnd.dev.sigstore.bundle+json;version=0.1},
 * {@code 0.2}, {@code 0.3} and {@code application/vnd.dev.sigstore.bundle.v0.3+json}): the signing
 * certificate, the transparency-log entries and the signed content. Cosign's older image signatures
 * carry the same parts in annotations; {@link CosignAnnotations} builds this record from them.
 *
 * @param version {@code 0.1}, {@code 0.2}, {@code 0.3}, or {@code cosign} for annotations
 * @param certificates the leaf first, then any intermediates the bundle carries
 */
public record SigstoreBundle(
    String version,
    List<X509Certificate> certificates,
    List<TlogEntry> tlogEntries,
    Content content) {

  public static final String MEDIA_TYPE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
  static final String MEDIA_TYPE_PREFIX = "application/vnd.dev.sigstore.bundle+json;version=";
  static final long MAX_BYTES = 16 << 20;

  public SigstoreBundle {
    certificates = List.copyOf(certificates);
    tlogEntries = List.copyOf(tlogEntries);
  }

  public X509Certificate leaf() {
    return certificates.get(0);
  }

  /** What was signed. */
  public sealed interface Content permits MessageSignature, DsseEnvelope {}

  /**
   * A signature over the artifact's bytes.
   *
   * @param digest the artifact's SHA-256 as the bundle states it (informative only: the signature
   *     and the log entry are checked against the real artifact)
   */
  public record MessageSignature(Optional<byte[]> digest, byte[] signature) implements Content {}

  /** A DSSE envelope: the signature covers the pre-authentication encoding of the payload. */
  public record DsseEnvelope(String payloadType, byte[] payload, List<byte[]> signatures)
      implements Content {
    public DsseEnvelope {
      signatures = List.copyOf(signatures);
    }
  }

  /**
   * One Rekor entry.
   *
   * @param logId the log's key id, hex
   * @param body the canonicalized entry body (JSON) the log signed
   * @param signedEntryTimestamp the log's promise (SET) over body, time, id and index
   */
  public record TlogEntry(
      long logIndex,
      String logId,
      String kind,
      String kindVersion,
      long integratedTime,
      byte[] body,
      Optional<byte[]> signedEntryTimestamp,
      Optional<InclusionProof> inclusionProof) {}

  /**
   * A Merkle inclusion proof with the signed checkpoint (a signed note) of the tree it is for.
   *
   * @param checkpoint the note's text, empty when the bundle carries none
   */
  public record InclusionProof(
      long logIndex, byte[] rootHash, long treeSize, List<byte[]> hashes, String checkpoint) {
    public InclusionProof {
      hashes = List.copyOf(hashes);
    }
  }

  /** Reads a bundle's JSON; every defect is a reason naming the field. */
  public static SigstoreBundle parse(String source, byte[] json) throws SigstoreException {
    if (json.length > MAX_BYTES) {
      throw new SigstoreException(source + ": bundle is larger than " + MAX_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = TrustedRoot.JSON.readTree(json);
    } catch (JacksonException e) {
      throw new SigstoreException(
          source
              + ": bundle is not JSON (line "
              + e.getLocation().getLineNr()
              + "): "
              + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new SigstoreException(source + ": bundle is not a JSON object");
    }
    String version = version(source, root.path("mediaType").asString(""));
    JsonNode material = root.path("verificationMaterial");
    List<X509Certificate> certs = new ArrayList<>();
    if (material.has("x509CertificateChain")) {
      int i = 0;
      for (JsonNode c : material.path("x509CertificateChain").path("certificates")) {
        String where = source + ": /verificationMaterial/x509CertificateChain/certificates/" + i++;
        certs.add(TrustedRoot.certificate(TrustedRoot.bytes(c, "rawBytes", where), where));
      }
      if (certs.isEmpty()) {
        throw new SigstoreException(source + ": the bundle's certificate chain is empty");
      }
    } else if (material.has("certificate")) {
      String where = source + ": /verificationMaterial/certificate";
      certs.add(
          TrustedRoot.certificate(
              TrustedRoot.bytes(material.path("certificate"), "rawBytes", where), where));
    } else if (material.has("publicKey")) {
      throw new SigstoreException(
          source
              + ": the bundle is signed with a key, not a Fulcio certificate: verify it with --key");
    } else {
      throw new SigstoreException(source + ": the bundle has no signing certificate");
    }
    if (version.equals("0.3") && material.has("x509CertificateChain")) {
      throw new SigstoreException(
          source + ": a v0.3 bundle must carry a single certificate, not a chain");
    }
    List<TlogEntry> entries = new ArrayList<>();
    int i = 0;
    for (JsonNode e : material.path("tlogEntries")) {
      entries.add(entry(e, source + ": /verificationMaterial/tlogEntries/" + i++));
    }
    return new SigstoreBundle(version, certs, entries, content(source, root));
  }

  private static String version(String source, String mediaType) throws SigstoreException {
    if (mediaType.equals(MEDIA_TYPE_V03)) {
      return "0.3";
    }
    if (mediaType.startsWith(MEDIA_TYPE_PREFIX)) {
      String v = mediaType.substring(MEDIA_TYPE_PREFIX.length());
      if (v.equals("0.1") || v.equals("0.2") || v.equals("0.3")) {
        return v;
      }
    }
    throw new SigstoreException(
        source
            + ": unsupported bundle media type \""
            + mediaType
            + "\" (Sigstore bundle v0.1, v0.2 or v0.3 expected)");
  }

  private static Content content(String source, JsonNode root) throws SigstoreException {
    if (root.has("messageSignature")) {
      JsonNode m = root.path("messageSignature");
      String where = source + ": /messageSignature";
      Optional<byte[]> digest = Optional.empty();
      if (m.has("messageDigest")) {
        String alg = m.path("messageDigest").path("algorithm").asString("");
        if (!alg.equals("SHA2_256")) {
          throw new SigstoreException(where + ": unsupported digest algorithm \"" + alg + "\"");
        }
        digest =
            Optional.of(
                TrustedRoot.bytes(m.path("messageDigest"), "digest", where + "/messageDigest"));
      }
      return new MessageSignature(digest, TrustedRoot.bytes(m, "signature", where));
    }
    if (root.has("dsseEnvelope")) {
      JsonNode d = root.path("dsseEnvelope");
      String where = source + ": /dsseEnvelope";
      List<byte[]> sigs = new ArrayList<>();
      int i = 0;
      for (JsonNode s : d.path("signatures")) {
        sigs.add(TrustedRoot.bytes(s, "sig", where + "/signatures/" + i++));
      }
      if (sigs.size() != 1) {
        throw new SigstoreException(
            where + ": exactly one signature expected, found " + sigs.size());
      }
      return new DsseEnvelope(
          d.path("payloadType").asString(""), TrustedRoot.bytes(d, "payload", where), sigs);
    }
    throw new SigstoreException(
        source + ": the bundle has neither messageSignature nor dsseEnvelope");
  }

  private static TlogEntry entry(JsonNode e, String where) throws SigstoreException {
    long index = number(e, "logIndex", where);
    long time = number(e, "integratedTime", where);
    Optional<byte[]> set = Optional.empty();
    if (e.path("inclusionPromise").has("signedEntryTimestamp")) {
      set =
          Optional.of(
              TrustedRoot.bytes(
                  e.path("inclusionPromise"), "signedEntryTimestamp", where + "/inclusionPromise"));
    }
    Optional<InclusionProof> proof = Optional.empty();
    if (e.has("inclusionProof")) {
      JsonNode p = e.path("inclusionProof");
      String pw = where + "/inclusionProof";
      List<byte[]> hashes = new ArrayList<>();
      int i = 0;
      for (JsonNode h : p.path("hashes")) {
        if (!h.isString()) {
          throw new SigstoreException(pw + "/hashes/" + i + ": not a string");
        }
        hashes.add(decode(h.asString(), pw + "/hashes/" + i++));
      }
      proof =
          Optional.of(
              new InclusionProof(
                  number(p, "logIndex", pw),
                  TrustedRoot.bytes(p, "rootHash", pw),
                  number(p, "treeSize", pw),
                  hashes,
                  p.path("checkpoint").path("envelope").asString("")));
    }
    return new TlogEntry(
        index,
        Crypto.hex(TrustedRoot.bytes(e.path("logId"), "keyId", where + "/logId")),
        e.path("kindVersion").path("kind").asString(""),
        e.path("kindVersion").path("version").asString(""),
        time,
        TrustedRoot.bytes(e, "canonicalizedBody", where),
        set,
        proof);
  }

  /** Protobuf JSON writes int64 as a string; a number is accepted too. Negative is an error. */
  static long number(JsonNode parent, String field, String where) throws SigstoreException {
    JsonNode n = parent.path(field);
    long v;
    try {
      if (n.isIntegralNumber()) {
        v = n.asLong();
      } else if (n.isString()) {
        v = Long.parseLong(n.asString());
      } else if (n.isMissingNode()) {
        v = 0; // protobuf JSON omits zero values
      } else {
        throw new NumberFormatException(n.toString());
      }
    } catch (NumberFormatException ex) {
      throw new SigstoreException(where + ": " + field + " is not an integer");
    }
    if (v < 0) {
      throw new SigstoreException(where + ": " + field + " is negative (" + v + ")");
    }
    return v;
  }

  private static byte[] decode(String b64, String where) throws SigstoreException {
    try {
      return java.util.Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new SigstoreException(where + ": not base64");
    }
  }
}
