package dev.kordon.image.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private Sigstore made in the test with BouncyCastle: a Fulcio root and intermediate, a Rekor
 * log key, a CT log key, leaves with the Fulcio extensions and an embedded SCT, signed entry
 * timestamps, the trusted_root.json that trusts all of it, and cosign's image-signature
 * annotations. Every part can be made wrong on purpose.
 */
public final class Sigstore {

  public static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
  public static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
  static final String SCT_LIST = "1.3.6.1.4.1.11129.2.4.2";

  public final KeyPair rootKey = ec("secp384r1");
  public final KeyPair intermediateKey = ec("secp384r1");
  public final KeyPair rekorKey = ec("secp256r1");
  public final KeyPair ctKey = ec("secp256r1");
  public final X509Certificate root;
  public final X509Certificate intermediate;
  public final Instant caStart = Instant.parse("2024-01-01T00:00:00Z");
  private long serial = 1;

  public Sigstore() throws GeneralSecurityException, IOException {
    root = ca("CN=test-fulcio-root,O=kordon.test", rootKey, rootKey, null, true);
    intermediate =
        ca("CN=test-fulcio-intermediate,O=kordon.test", intermediateKey, rootKey, root, false);
  }

  static KeyPair ec(String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate ca(
      String name, KeyPair key, KeyPair signer, X509Certificate issuer, boolean isRoot)
      throws GeneralSecurityException, IOException {
    X500Name subject = new X500Name(name);
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer == null
                ? subject
                : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
            BigInteger.valueOf(serial++),
            Date.from(caStart),
            Date.from(caStart.plusSeconds(3650L * 86400)),
            subject,
            key.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isRoot ? 1 : 0));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return convert(b.build(signer(signer.getPrivate())));
  }

  /** A leaf as Fulcio issues it: ten minutes valid from {@code notBefore}. */
  public Leaf leaf(String san, String issuer, Instant notBefore)
      throws GeneralSecurityException, IOException {
    return leaf(san, issuer, ISSUER_V2, notBefore, intermediate, intermediateKey, ctKey);
  }

  public Leaf leaf(
      String san,
      String issuer,
      String issuerOid,
      Instant notBefore,
      X509Certificate ca,
      KeyPair caKey,
      KeyPair ct)
      throws GeneralSecurityException, IOException {
    KeyPair key = ec("secp256r1");
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
            BigInteger.valueOf(serial++),
            Date.from(notBefore),
            Date.from(notBefore.plusSeconds(600)),
            new X500Name(new org.bouncycastle.asn1.x500.RDN[0]),
            key.getPublic());
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    GeneralName name =
        san.contains("@") && !san.contains("://")
            ? new GeneralName(GeneralName.rfc822Name, san)
            : new GeneralName(GeneralName.uniformResourceIdentifier, san);
    b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(name));
    if (issuerOid.equals(ISSUER_V2)) {
      b.addExtension(new ASN1ObjectIdentifier(issuerOid), false, new DERUTF8String(issuer));
    } else {
      // the first (deprecated) issuer extension holds the raw string, not DER
      b.addExtension(
          new ASN1ObjectIdentifier(issuerOid), false, issuer.getBytes(StandardCharsets.UTF_8));
    }
    ContentSigner signer = signer(caKey.getPrivate());
    X509CertificateHolder pre = b.build(signer);
    byte[] sct =
        sct(
            pre.toASN1Structure().getTBSCertificate().getEncoded(),
            ca.getPublicKey(),
            ct,
            notBefore);
    b.addExtension(new ASN1ObjectIdentifier(SCT_LIST), false, new DEROctetString(sct));
    return new Leaf(key, convert(b.build(signer(caKey.getPrivate()))));
  }

  /** A TLS SignedCertificateTimestampList with one v1 SCT over the precertificate. */
  static byte[] sct(byte[] tbs, PublicKey issuerKey, KeyPair ct, Instant when)
      throws GeneralSecurityException, IOException {
    byte[] logId = sha256(ct.getPublic().getEncoded());
    long ts = when.toEpochMilli();
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(0);
    signed.write(0);
    signed.write(ByteBuffer.allocate(8).putLong(ts).array());
    signed.write(0);
    signed.write(1);
    signed.write(sha256(issuerKey.getEncoded()));
    signed.write(tbs.length >>> 16);
    signed.write(tbs.length >>> 8);
    signed.write(tbs.length);
    signed.write(tbs);
    signed.write(0);
    signed.write(0);
    byte[] sig = sign(ct.getPrivate(), signed.toByteArray());
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    one.write(0);
    one.write(logId);
    one.write(ByteBuffer.allocate(8).putLong(ts).array());
    one.write(new byte[] {0, 0, 4, 3}); // no extensions, sha256, ecdsa
    one.write(sig.length >>> 8);
    one.write(sig.length);
    one.write(sig);
    byte[] sctBytes = one.toByteArray();
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    int total = sctBytes.length + 2;
    list.write(total >>> 8);
    list.write(total);
    list.write(sctBytes.length >>> 8);
    list.write(sctBytes.length);
    list.write(sctBytes);
    return list.toByteArray();
  }

  /** A leaf certificate and its private key. */
  public record Leaf(KeyPair key, X509Certificate cert) {
    public String pem() {
      return Sigstore.pem(cert);
    }
  }

  /** A Rekor entry for a hashedrekord of {@code artifact} signed by {@code leaf}. */
  public record Entry(byte[] body, long logIndex, long integratedTime, String logId, byte[] set) {}

  public Entry hashedRekord(byte[] artifact, byte[] signature, Leaf leaf, Instant integrated)
      throws GeneralSecurityException {
    return hashedRekord(artifact, signature, leaf, integrated, rekorKey);
  }

  public Entry hashedRekord(
      byte[] artifact, byte[] signature, Leaf leaf, Instant integrated, KeyPair log)
      throws GeneralSecurityException {
    String body =
        "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":"
            + "{\"algorithm\":\"sha256\",\"value\":\""
            + HexFormat.of().formatHex(sha256(artifact))
            + "\"}},\"signature\":{\"content\":\""
            + Base64.getEncoder().encodeToString(signature)
            + "\",\"publicKey\":{\"content\":\""
            + Base64.getEncoder().encodeToString(leaf.pem().getBytes(StandardCharsets.US_ASCII))
            + "\"}}}}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String logId = HexFormat.of().formatHex(sha256(log.getPublic().getEncoded()));
    long index = 4242;
    long time = integrated.getEpochSecond();
    String canonical =
        "{\"body\":\""
            + Base64.getEncoder().encodeToString(bytes)
            + "\",\"integratedTime\":"
            + time
            + ",\"logID\":\""
            + logId
            + "\",\"logIndex\":"
            + index
            + "}";
    return new Entry(
        bytes,
        index,
        time,
        logId,
        sign(log.getPrivate(), canonical.getBytes(StandardCharsets.UTF_8)));
  }

  /** The annotations cosign puts on a keyless signature layer. */
  public Map<String, String> annotations(byte[] signature, Leaf leaf, Entry entry) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("dev.cosignproject.cosign/signature", Base64.getEncoder().encodeToString(signature));
    a.put("dev.sigstore.cosign/certificate", leaf.pem());
    a.put("dev.sigstore.cosign/chain", pem(intermediate) + pem(root));
    a.put(
        "dev.sigstore.cosign/bundle",
        "{\"SignedEntryTimestamp\":\""
            + Base64.getEncoder().encodeToString(entry.set())
            + "\",\"Payload\":{\"body\":\""
            + Base64.getEncoder().encodeToString(entry.body())
            + "\",\"integratedTime\":"
            + entry.integratedTime()
            + ",\"logIndex\":"
            + entry.logIndex()
            + ",\"logID\":\""
            + entry.logId()
            + "\"}}");
    return a;
  }

  /** A trusted root that trusts this instance's CA, Rekor key and CT key from {@link #caStart}. */
  public String trustedRoot() {
    return trustedRoot(List.of(root), rekorKey.getPublic(), ctKey.getPublic(), "");
  }

  public String trustedRoot(
      List<X509Certificate> chains, PublicKey rekor, PublicKey ct, String caEnd) {
    List<String> certs = new ArrayList<>();
    certs.add(der(intermediate));
    for (X509Certificate c : chains) {
      certs.add(der(c));
    }
    String validFor =
        "{\"start\":\""
            + caStart
            + "\""
            + (caEnd.isEmpty() ? "" : ",\"end\":\"" + caEnd + "\"")
            + "}";
    return "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
        + "\"tlogs\":["
        + log("https://rekor.kordon.test", rekor)
        + "],\"certificateAuthorities\":[{\"uri\":\"https://fulcio.kordon.test\",\"certChain\":{"
        + "\"certificates\":["
        + String.join(",", certs.stream().map(c -> "{\"rawBytes\":\"" + c + "\"}").toList())
        + "]},\"validFor\":"
        + validFor
        + "}],\"ctlogs\":["
        + log("https://ctfe.kordon.test", ct)
        + "]}";
  }

  private String log(String url, PublicKey key) {
    return "{\"baseUrl\":\""
        + url
        + "\",\"hashAlgorithm\":\"SHA2_256\",\"publicKey\":{\"rawBytes\":\""
        + Base64.getEncoder().encodeToString(key.getEncoded())
        + "\",\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"validFor\":{\"start\":\""
        + caStart
        + "\"}},\"logId\":{\"keyId\":\""
        + Base64.getEncoder().encodeToString(sha256(key.getEncoded()))
        + "\"}}";
  }

  /**
   * Signs an OCI layout's image keyless: the simple-signing payload for its digest, signed by the
   * leaf, logged at {@code integrated}, stored as cosign does under {@code sha256-HEX.sig}.
   */
  public void signLayout(
      Path layout, String tag, String image, Leaf leaf, Instant integrated, byte[] payload)
      throws IOException, GeneralSecurityException {
    byte[] sig = sign(leaf.key().getPrivate(), payload);
    Entry entry = hashedRekord(payload, sig, leaf, integrated);
    String manifest = Cosign.signatureManifest(layout, payload, annotations(sig, leaf, entry));
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(tag, image);
    tags.put(TestImages.digestOf(image).replace(':', '-') + ".sig", manifest);
    TestImages.writeIndex(layout, tags);
  }

  public static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(data);
    return s.sign();
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String der(X509Certificate c) {
    try {
      return Base64.getEncoder().encodeToString(c.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(X509Certificate c) {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(c);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }

  private static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder("SHA384withECDSA").build(key);
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate convert(X509CertificateHolder h) throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(h);
  }
}
