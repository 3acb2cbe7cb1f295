package dev.kordon.image.sign;

import dev.kordon.image.sign.SigstoreBundle.InclusionProof;
import dev.kordon.image.sign.SigstoreBundle.TlogEntry;
import dev.kordon.image.sign.TrustedRoot.TransparencyLog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Checks of one Rekor (v1) entry against a log key, all offline: the signed entry timestamp (the
 * log's promise to include the entry), the Merkle inclusion proof (RFC 6962 hashing) and the signed
 * checkpoint (a signed note) the proof ends in.
 */
final class Rekor {
  private Rekor() {}

  static final int MAX_PROOF_HASHES = 64;
  static final int MAX_CHECKPOINT_SIGNATURES = 20;

  /** The bytes a SET signs: the canonical JSON of body, integrated time, log id and index. */
  static byte[] setPayload(TlogEntry e) {
    return ("{\"body\":\""
            + Base64.getEncoder().encodeToString(e.body())
            + "\",\"integratedTime\":"
            + e.integratedTime()
            + ",\"logID\":\""
            + e.logId()
            + "\",\"logIndex\":"
            + e.logIndex()
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static void verifySet(TlogEntry e, TransparencyLog log) throws SigstoreException {
    byte[] set = e.signedEntryTimestamp().orElseThrow();
    if (!Crypto.verifies(log.key(), setPayload(e), set)) {
      throw new SigstoreException(
          "the signed entry timestamp of log entry "
              + e.logIndex()
              + " does not verify with the key of "
              + name(log));
    }
  }

  static void verifyInclusion(TlogEntry e, TransparencyLog log) throws SigstoreException {
    InclusionProof p = e.inclusionProof().orElseThrow();
    if (p.hashes().size() > MAX_PROOF_HASHES) {
      throw new SigstoreException("inclusion proof has " + p.hashes().size() + " hashes");
    }
    byte[] leaf = Crypto.sha256(new byte[] {0}, e.body());
    byte[] root = rootFromProof(p.logIndex(), p.treeSize(), leaf, p.hashes());
    if (root == null || !MessageDigest.isEqual(root, p.rootHash())) {
      throw new SigstoreException(
          "the inclusion proof of log entry " + e.logIndex() + " does not lead to its root hash");
    }
    if (p.checkpoint().isEmpty()) {
      throw new SigstoreException(
          "the inclusion proof of log entry " + e.logIndex() + " has no signed checkpoint");
    }
    verifyCheckpoint(p, log);
  }

  /** RFC 9162 section 2.1.3.2; null when the proof does not fit the index and size. */
  static byte[] rootFromProof(long index, long size, byte[] leaf, List<byte[]> proof) {
    if (index >= size) {
      return null;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leaf;
    for (byte[] p : proof) {
      if (sn == 0 || p.length != 32) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Crypto.sha256(new byte[] {1}, p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = Crypto.sha256(new byte[] {1}, r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }

  /**
   * A checkpoint is a signed note: origin, tree size, base64 root hash (and optional lines), a
   * blank line, then lines {@code — NAME base64(keyhint[4] || signature)}. The log's own signature
   * (name = the log's host, key hint = the first 4 bytes of its key id) must verify, and the note
   * must state the proof's size and root hash.
   */
  static void verifyCheckpoint(InclusionProof p, TransparencyLog log) throws SigstoreException {
    String note = p.checkpoint();
    int blank = note.indexOf("\n\n");
    if (blank < 0) {
      throw new SigstoreException("checkpoint is not a signed note (no blank line)");
    }
    String text = note.substring(0, blank + 1);
    String[] lines = text.split("\n");
    if (lines.length < 3) {
      throw new SigstoreException("checkpoint has no origin, size and root hash");
    }
    long size;
    byte[] root;
    try {
      size = Long.parseLong(lines[1]);
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException ex) {
      throw new SigstoreException("checkpoint size or root hash is malformed");
    }
    URI url = URI.create(log.baseUrl());
    String host = String.valueOf(url.getHost());
    String authority = String.valueOf(url.getAuthority());
    byte[] hint = Arrays.copyOf(java.util.HexFormat.of().parseHex(log.logId()), 4);
    String[] sigLines = note.substring(blank + 2).split("\n");
    if (sigLines.length > MAX_CHECKPOINT_SIGNATURES) {
      throw new SigstoreException("checkpoint has " + sigLines.length + " signatures");
    }
    boolean signed = false;
    for (String line : sigLines) {
      if (!line.startsWith("\u2014 ")) {
        continue;
      }
      String[] parts = line.substring(2).split(" ");
      if (parts.length != 2 || !(parts[0].equals(host) || parts[0].equals(authority))) {
        continue;
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException ex) {
        continue;
      }
      if (raw.length < 5 || !Arrays.equals(Arrays.copyOf(raw, 4), hint)) {
        continue;
      }
      if (Crypto.verifies(
          log.key(),
          text.getBytes(StandardCharsets.UTF_8),
          Arrays.copyOfRange(raw, 4, raw.length))) {
        signed = true;
        break;
      }
    }
    if (!signed) {
      throw new SigstoreException("the checkpoint is not signed by " + name(log));
    }
    if (size != p.treeSize() || !MessageDigest.isEqual(root, p.rootHash())) {
      throw new SigstoreException(
          "the checkpoint (tree size "
              + size
              + ") is not the tree the inclusion proof is for (size "
              + p.treeSize()
              + ")");
    }
  }

  static String name(TransparencyLog log) {
    return log.baseUrl().isEmpty() ? "log " + log.logId() : log.baseUrl();
  }
}
