package dev.kordon.admission;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A fresh certificate authority and a serving certificate for the webhook's Service, as {@code
 * kordon admission install} writes them into the Secret and the {@code caBundle}. Made with
 * BouncyCastle's PKIX API; the keys come from the JDK.
 */
public final class Certificates {

  /** Key types: ECDSA P-256 (small and fast to handshake) or RSA 2048. */
  public enum KeyType {
    EC_P256,
    RSA_2048
  }

  /** How the private key is written: PKCS#8 ({@code PRIVATE KEY}) or the traditional form. */
  public enum KeyFormat {
    PKCS8,
    /** {@code RSA PRIVATE KEY} (PKCS#1) for RSA, {@code EC PRIVATE KEY} (SEC 1) for EC. */
    TRADITIONAL
  }

  /** A certificate with its key, PEM-encoded. */
  public record Issued(String certificatePem, String privateKeyPem, X509Certificate certificate) {}

  /** The CA and the serving certificate it signed. */
  public record ServingSet(Issued ca, Issued serving) {}

  private final SecureRandom random = new SecureRandom();

  /**
   * A CA and a serving certificate for {@code <service>.<namespace>.svc} and its other names.
   *
   * @param validity how long both are valid, from an hour ago (clock skew)
   */
  public ServingSet forService(
      String service,
      String namespace,
      Duration validity,
      KeyType type,
      KeyFormat format,
      Instant now) {
    List<String> names =
        List.of(
            service + "." + namespace + ".svc",
            service + "." + namespace + ".svc.cluster.local",
            service + "." + namespace,
            service);
    return forNames("kordon-admission-ca", names, List.of(), validity, type, format, now);
  }

  /** A CA and a serving certificate for DNS names and IP addresses (tests use 127.0.0.1). */
  public ServingSet forNames(
      String caName,
      List<String> dnsNames,
      List<String> ipAddresses,
      Duration validity,
      KeyType type,
      KeyFormat format,
      Instant now) {
    try {
      Date from = Date.from(now.minus(Duration.ofHours(1)));
      Date to = Date.from(now.plus(validity));
      KeyPair caKeys = keys(type);
      X500Name caSubject = new X500Name("CN=" + caName);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder ca =
          new JcaX509v3CertificateBuilder(
              caSubject, serial(), from, to, caSubject, caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      ca.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      ca.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          ext.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCert = sign(ca, caKeys.getPrivate(), type);

      KeyPair keys = keys(type);
      String cn = dnsNames.isEmpty() ? ipAddresses.get(0) : dnsNames.get(0);
      X509v3CertificateBuilder leaf =
          new JcaX509v3CertificateBuilder(
              caCert, serial(), from, to, new X500Name("CN=" + cn), keys.getPublic());
      leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      int usage =
          KeyUsage.digitalSignature | (type == KeyType.RSA_2048 ? KeyUsage.keyEncipherment : 0);
      leaf.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      leaf.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      List<GeneralName> sans = new ArrayList<>();
      for (String d : dnsNames) {
        sans.add(new GeneralName(GeneralName.dNSName, d));
      }
      for (String ip : ipAddresses) {
        sans.add(new GeneralName(GeneralName.iPAddress, ip));
      }
      leaf.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(sans.toArray(new GeneralName[0])));
      leaf.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
      leaf.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      X509Certificate leafCert = sign(leaf, caKeys.getPrivate(), type);
      return new ServingSet(
          new Issued(pem(caCert), key(caKeys.getPrivate(), KeyFormat.PKCS8), caCert),
          new Issued(pem(leafCert), key(keys.getPrivate(), format), leafCert));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate certificates: " + e.getMessage(), e);
    }
  }

  /**
   * Re-encodes a PEM private key as PKCS#8, whatever form it came in: PKCS#8, PKCS#1 ({@code RSA
   * PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}, as cert-manager writes ECDSA keys). Vert.x
   * reads the first two only.
   *
   * @throws IllegalArgumentException when the text holds no unencrypted private key
   */
  public static String toPkcs8(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        PrivateKeyInfo info = null;
        if (o instanceof PEMKeyPair kp) {
          info = kp.getPrivateKeyInfo();
        } else if (o instanceof PrivateKeyInfo pki) {
          info = pki;
        } else if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
          throw new IllegalArgumentException("the private key is encrypted; give it unencrypted");
        }
        if (info != null) {
          return pem(new JcaPKCS8Generator(new JcaPEMKeyConverter().getPrivateKey(info), null));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable PEM private key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("no private key in the PEM text");
  }

  private KeyPair keys(KeyType type) throws GeneralSecurityException {
    if (type == KeyType.RSA_2048) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, random);
      return g.generateKeyPair();
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private BigInteger serial() {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key, KeyType type)
      throws OperatorCreationException, GeneralSecurityException {
    String alg = type == KeyType.RSA_2048 ? "SHA256withRSA" : "SHA256withECDSA";
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(key)));
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  private static String key(PrivateKey k, KeyFormat format) throws IOException {
    if (format == KeyFormat.PKCS8) {
      return pem(new JcaPKCS8Generator(k, null));
    }
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(k.getEncoded());
    if (!k.getAlgorithm().equals("EC")) {
      return pem(
          new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded()));
    }
    // SEC 1 with the curve named inside, as OpenSSL and cert-manager write it
    org.bouncycastle.asn1.sec.ECPrivateKey inner =
        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
            256,
            inner.getKey(),
            inner.getPublicKey(),
            info.getPrivateKeyAlgorithm().getParameters());
    return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
  }
}
