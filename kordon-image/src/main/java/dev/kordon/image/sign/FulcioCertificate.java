package dev.kordon.image.sign;

import dev.kordon.image.sign.TrustedRoot.CertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/** What keyless verification reads from a Fulcio signing certificate, and its chain check. */
final class FulcioCertificate {
  private FulcioCertificate() {}

  /** The OIDC issuer, DER UTF8String (Fulcio since 2022). */
  static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";

  /** The OIDC issuer, raw string bytes (the first, deprecated, extension). */
  static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";

  static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

  /** The email (rfc822Name) and URI subject alternative names. */
  static List<String> identities(X509Certificate cert) throws SigstoreException {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          if ((type == 1 || type == 6) && san.get(1) instanceof String s) {
            out.add(s);
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new SigstoreException("the signing certificate's SAN is malformed: " + e.getMessage());
    }
    return out;
  }

  static String issuer(X509Certificate cert) throws SigstoreException {
    try {
      byte[] v2 = cert.getExtensionValue(ISSUER_V2);
      if (v2 != null) {
        ASN1Primitive inner =
            ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v2).getOctets());
        if (inner instanceof ASN1String s) {
          return s.getString();
        }
        throw new SigstoreException("the OIDC issuer extension is not a string");
      }
      byte[] v1 = cert.getExtensionValue(ISSUER_V1);
      if (v1 != null) {
        return new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8);
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new SigstoreException("the OIDC issuer extension is malformed");
    }
    throw new SigstoreException(
        "the signing certificate names no OIDC issuer (extension "
            + ISSUER_V2
            + " or "
            + ISSUER_V1
            + "): it is not a Fulcio certificate");
  }

  static boolean forCodeSigning(X509Certificate cert) {
    try {
      List<String> eku = cert.getExtendedKeyUsage();
      return eku != null && eku.contains(CODE_SIGNING);
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  static boolean selfSigned(X509Certificate cert) {
    if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return false;
    }
    try {
      cert.verify(cert.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Finds the trusted CA that issued the leaf and was valid at {@code at}, validating the path
   * (signatures, validity of every certificate at {@code at}, CA constraints) with the JDK's PKIX
   * validator. Intermediates come from the trusted root only, never from the signature.
   */
  static CertificateAuthority chain(X509Certificate leaf, TrustedRoot root, Instant at)
      throws SigstoreException {
    String last = "no certificate authority in " + root.source() + " issued it";
    boolean inWindow = false;
    for (CertificateAuthority ca : root.certificateAuthorities()) {
      if (!ca.validFor().contains(at)) {
        continue;
      }
      inWindow = true;
      try {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        path.addAll(ca.chain().subList(0, ca.chain().size() - 1));
        X509Certificate anchor = ca.chain().get(ca.chain().size() - 1);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX")
            .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        return ca;
      } catch (GeneralSecurityException e) {
        last = "it does not chain to a trusted Fulcio CA at " + at + ": " + e.getMessage();
      }
    }
    if (!inWindow) {
      throw new SigstoreException(
          "no certificate authority of " + root.source() + " was valid at " + at);
    }
    throw new SigstoreException("signing certificate untrusted: " + last);
  }
}
