package dev.kordon.image.sign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Sigstore trusted root ({@code trusted_root.json}, media type {@code
 * application/vnd.dev.sigstore.trustedroot+json}): the Fulcio certificate authorities, the Rekor
 * transparency logs and the certificate-transparency logs a keyless signature is checked against,
 * each with its validity window. It is read from a local file; nothing is fetched.
 *
 * @param source where it was read, for messages
 */
public record TrustedRoot(
    String source,
    List<CertificateAuthority> certificateAuthorities,
    List<TransparencyLog> tlogs,
    List<TransparencyLog> ctlogs) {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final long MAX_BYTES = 4 << 20;

  public TrustedRoot {
    certificateAuthorities = List.copyOf(certificateAuthorities);
    tlogs = List.copyOf(tlogs);
    ctlogs = List.copyOf(ctlogs);
  }

  /**
   * A Fulcio CA: its chain from the intermediate that issues leaves up to the root (last).
   *
   * @param validFor when it may have issued the certificates it vouches for
   */
  public record CertificateAuthority(String uri, List<X509Certificate> chain, TimeRange validFor) {
    public CertificateAuthority {
      chain = List.copyOf(chain);
    }
  }

  /**
   * A transparency log (Rekor, or a CT log) and its key.
   *
   * @param logId the log id: SHA-256 of the key's DER encoding, hex
   */
  public record TransparencyLog(String baseUrl, PublicKey key, String logId, TimeRange validFor) {}

  public static TrustedRoot read(Path file) throws SigstoreException {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new SigstoreException(file + ": trusted root is larger than " + MAX_BYTES + " bytes");
      }
      return parse(file.toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new SigstoreException(file + ": cannot read the trusted root: " + e.getMessage(), e);
    }
  }

  public static TrustedRoot parse(String source, byte[] json) throws SigstoreException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new SigstoreException(
          source
              + ": trusted root is not JSON (line "
              + e.getLocation().getLineNr()
              + "): "
              + e.getOriginalMessage());
    }
    String mediaType = root.path("mediaType").asString("");
    if (!mediaType.startsWith("application/vnd.dev.sigstore.trustedroot")) {
      throw new SigstoreException(
          source
              + ": not a Sigstore trusted root (mediaType \""
              + mediaType
              + "\", expected application/vnd.dev.sigstore.trustedroot+json)");
    }
    List<CertificateAuthority> cas = new ArrayList<>();
    int i = 0;
    for (JsonNode ca : root.path("certificateAuthorities")) {
      String where = source + ": /certificateAuthorities/" + i++;
      List<X509Certificate> chain = new ArrayList<>();
      int j = 0;
      for (JsonNode c : ca.path("certChain").path("certificates")) {
        chain.add(
            certificate(bytes(c, "rawBytes", where + "/certChain/certificates/" + j++), where));
      }
      if (chain.isEmpty()) {
        throw new SigstoreException(where + ": certChain has no certificates");
      }
      cas.add(
          new CertificateAuthority(
              ca.path("uri").asString(""), chain, range(ca.path("validFor"), where)));
    }
    List<TransparencyLog> tlogs = logs(root.path("tlogs"), source + ": /tlogs/");
    List<TransparencyLog> ctlogs = logs(root.path("ctlogs"), source + ": /ctlogs/");
    if (cas.isEmpty()) {
      throw new SigstoreException(source + ": trusted root has no certificateAuthorities");
    }
    if (tlogs.isEmpty()) {
      throw new SigstoreException(source + ": trusted root has no tlogs");
    }
    return new TrustedRoot(source, cas, tlogs, ctlogs);
  }

  /** The transparency log with this id (hex), if the root trusts one. */
  public Optional<TransparencyLog> tlog(String logId) {
    return tlogs.stream().filter(l -> l.logId().equalsIgnoreCase(logId)).findFirst();
  }

  public Optional<TransparencyLog> ctlog(String logId) {
    return ctlogs.stream().filter(l -> l.logId().equalsIgnoreCase(logId)).findFirst();
  }

  private static List<TransparencyLog> logs(JsonNode array, String prefix)
      throws SigstoreException {
    List<TransparencyLog> out = new ArrayList<>();
    int i = 0;
    for (JsonNode log : array) {
      String where = prefix + i++;
      JsonNode pk = log.path("publicKey");
      PublicKey key = Crypto.publicKey(bytes(pk, "rawBytes", where + "/publicKey"), where);
      String logId = HexFormat.of().formatHex(bytes(log.path("logId"), "keyId", where + "/logId"));
      out.add(
          new TransparencyLog(
              log.path("baseUrl").asString(""),
              key,
              logId,
              range(pk.path("validFor"), where + "/publicKey")));
    }
    return out;
  }

  private static TimeRange range(JsonNode validFor, String where) throws SigstoreException {
    String start = validFor.path("start").asString("");
    if (start.isEmpty()) {
      // an open start would trust the key for all time before it: refuse the root instead
      throw new SigstoreException(where + ": validFor has no start");
    }
    try {
      String end = validFor.path("end").asString("");
      return new TimeRange(
          Instant.parse(start), end.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(end)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new SigstoreException(where + ": validFor: " + e.getMessage());
    }
  }

  static byte[] bytes(JsonNode parent, String field, String where) throws SigstoreException {
    String b64 = parent.path(field).asString("");
    if (b64.isEmpty()) {
      throw new SigstoreException(where + ": " + field + " is missing");
    }
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new SigstoreException(where + ": " + field + " is not base64");
    }
  }

  static X509Certificate certificate(byte[] der, String where) throws SigstoreException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new SigstoreException(where + ": not an X.509 certificate: " + e.getMessage());
    }
  }
}
