package dev.kordon.image.sign;

import dev.kordon.image.sign.TrustedRoot.TransparencyLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * The signed certificate timestamp embedded in a Fulcio certificate (RFC 6962 section 3.3): a CT
 * log of the trusted root promised to publish the certificate. It signs the precertificate, which
 * is the certificate's TBS part without the SCT extension, bound to the issuer's key.
 */
final class Sct {
  private Sct() {}

  static final String SCT_LIST = "1.3.6.1.4.1.11129.2.4.2";

  static void verify(X509Certificate leaf, X509Certificate issuer, TrustedRoot root)
      throws SigstoreException {
    byte[] ext = leaf.getExtensionValue(SCT_LIST);
    if (ext == null) {
      throw new SigstoreException(
          "the signing certificate has no embedded SCT: no CT log vouches for it");
    }
    ByteBuffer list;
    byte[] tbs;
    try {
      byte[] inner = ASN1OctetString.getInstance(ext).getOctets();
      list = ByteBuffer.wrap(ASN1OctetString.getInstance(inner).getOctets());
      tbs = precertificate(leaf);
    } catch (IOException | RuntimeException e) {
      throw new SigstoreException("the signing certificate's SCT list is malformed");
    }
    byte[] issuerKeyHash = Crypto.sha256(issuer.getPublicKey().getEncoded());
    String last = "the SCT list is empty";
    try {
      int total = u16(list);
      if (total != list.remaining()) {
        throw new SigstoreException("the signing certificate's SCT list is malformed");
      }
      while (list.hasRemaining()) {
        ByteBuffer sct = slice(list, u16(list));
        int version = sct.get() & 0xff;
        byte[] logId = new byte[32];
        sct.get(logId);
        long timestamp = sct.getLong();
        byte[] extensions = new byte[u16(sct)];
        sct.get(extensions);
        sct.get(); // hash algorithm
        sct.get(); // signature algorithm
        byte[] signature = new byte[u16(sct)];
        sct.get(signature);
        if (version != 0) {
          last = "an SCT of unknown version " + version;
          continue;
        }
        TransparencyLog log = root.ctlog(Crypto.hex(logId)).orElse(null);
        if (log == null) {
          last = "its SCT is from a CT log " + root.source() + " does not trust";
          continue;
        }
        if (!log.validFor().contains(Instant.ofEpochMilli(timestamp))) {
          last = "its SCT was made outside the validity of the CT log key";
          continue;
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(0); // v1
        signed.write(0); // certificate_timestamp
        signed.write(ByteBuffer.allocate(8).putLong(timestamp).array());
        signed.write(0);
        signed.write(1); // precert_entry
        signed.write(issuerKeyHash);
        signed.write(tbs.length >>> 16);
        signed.write(tbs.length >>> 8);
        signed.write(tbs.length);
        signed.write(tbs);
        signed.write(extensions.length >>> 8);
        signed.write(extensions.length);
        signed.write(extensions);
        if (Crypto.verifies(log.key(), signed.toByteArray(), signature)) {
          return;
        }
        last = "its SCT does not verify with the key of CT log " + Rekor.name(log);
      }
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException | IOException e) {
      throw new SigstoreException("the signing certificate's SCT list is malformed");
    }
    throw new SigstoreException("the signing certificate's SCT is not valid: " + last);
  }

  /** The TBS certificate without the SCT list extension, DER. */
  static byte[] precertificate(X509Certificate leaf) throws IOException {
    ASN1Sequence tbs;
    try {
      tbs =
          (ASN1Sequence)
              Certificate.getInstance(leaf.getEncoded()).getTBSCertificate().toASN1Primitive();
    } catch (CertificateEncodingException e) {
      throw new IOException(e);
    }
    ASN1EncodableVector out = new ASN1EncodableVector();
    for (ASN1Encodable element : tbs) {
      if (element instanceof ASN1TaggedObject t && t.getTagNo() == 3) {
        Extensions exts = Extensions.getInstance(t.getExplicitBaseObject());
        ASN1EncodableVector kept = new ASN1EncodableVector();
        for (var oid : exts.getExtensionOIDs()) {
          if (!oid.getId().equals(SCT_LIST)) {
            Extension e = exts.getExtension(oid);
            kept.add(e);
          }
        }
        out.add(new DERTaggedObject(true, 3, new DERSequence(kept)));
      } else {
        out.add(element);
      }
    }
    return new DERSequence(out).getEncoded(ASN1Encoding.DER);
  }

  private static int u16(ByteBuffer b) {
    return b.getShort() & 0xffff;
  }

  private static ByteBuffer slice(ByteBuffer b, int length) {
    ByteBuffer s = b.slice();
    s.limit(length);
    b.position(b.position() + length);
    return s;
  }
}
