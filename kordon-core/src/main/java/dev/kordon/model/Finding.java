package dev.kordon.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One violation of one control by one object, pointing at the offending field.
 *
 * @param fingerprint stable across reformatting: derived from control, object identity and path,
 *     never from line numbers
 * @param frameworks ids of the frameworks whose score this finding lowers
 * @param note why the status is what it is (the exception's reason, or that it expired)
 * @param refs the control's framework and peer references, shown beside the finding
 * @param evidence the recorded events behind a finding read from an audit log; {@link
 *     Evidence#NONE} for a finding about an object
 */
public record Finding(
    String controlId,
    String title,
    Severity severity,
    ObjectRef resource,
    JsonPointer path,
    Optional<SourceLocation> location,
    String message,
    String remediation,
    String fingerprint,
    List<String> frameworks,
    FindingStatus status,
    String note,
    List<String> refs,
    Evidence evidence) {

  public Finding {
    frameworks = List.copyOf(frameworks);
    refs = List.copyOf(refs);
    java.util.Objects.requireNonNull(evidence, "evidence");
  }

  /** A finding about an object, without recorded events. */
  public Finding(
      String controlId,
      String title,
      Severity severity,
      ObjectRef resource,
      JsonPointer path,
      Optional<SourceLocation> location,
      String message,
      String remediation,
      String fingerprint,
      List<String> frameworks,
      FindingStatus status,
      String note,
      List<String> refs) {
    this(
        controlId,
        title,
        severity,
        resource,
        path,
        location,
        message,
        remediation,
        fingerprint,
        frameworks,
        status,
        note,
        refs,
        Evidence.NONE);
  }

  /** A failed finding about one field of one object, with its location and fingerprint. */
  public static Finding of(
      String controlId,
      String title,
      Severity severity,
      String remediation,
      List<String> refs,
      KubeObject object,
      JsonPointer path,
      String message) {
    return new Finding(
        controlId,
        title,
        severity,
        object.ref(),
        path,
        object.locate(path),
        message,
        remediation,
        fingerprint(controlId, object.ref(), path),
        List.of(),
        FindingStatus.FAIL,
        "",
        refs);
  }

  public Finding withFrameworks(List<String> ids) {
    return new Finding(
        controlId,
        title,
        severity,
        resource,
        path,
        location,
        message,
        remediation,
        fingerprint,
        ids,
        status,
        note,
        refs,
        evidence);
  }

  public Finding withStatus(FindingStatus newStatus, String newNote) {
    return new Finding(
        controlId,
        title,
        severity,
        resource,
        path,
        location,
        message,
        remediation,
        fingerprint,
        frameworks,
        newStatus,
        newNote,
        refs,
        evidence);
  }

  /** Adds references of another check that caught the same field (e.g. a PSS check). */
  public Finding withExtraRefs(List<String> extra) {
    List<String> all = new java.util.ArrayList<>(refs);
    for (String r : extra) {
      if (!all.contains(r)) {
        all.add(r);
      }
    }
    return new Finding(
        controlId,
        title,
        severity,
        resource,
        path,
        location,
        message,
        remediation,
        fingerprint,
        frameworks,
        status,
        note,
        all,
        evidence);
  }

  public boolean failed() {
    return status == FindingStatus.FAIL;
  }

  // cloned per fingerprint: a provider lookup (MessageDigest.getInstance) per finding cost more
  // than the digest itself; the prototype is never updated, only copied
  private static final MessageDigest SHA256 = sha256();
  private static final HexFormat HEX = HexFormat.of();

  private static MessageDigest sha256() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.clone(); // fails here, once, on a provider that cannot copy
      return md;
    } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
      throw new IllegalStateException("a copyable SHA-256 is required", e);
    }
  }

  /** 16 hex digits of SHA-256 over control id, object identity (without apiVersion) and path. */
  public static String fingerprint(String controlId, ObjectRef ref, JsonPointer path) {
    MessageDigest md;
    try {
      md = (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("checked when the class was loaded", e);
    }
    // the UTF-8 of the parts joined by NUL, fed part by part (no joined key string): the same
    // bytes,
    // since no character spans a NUL separator
    md.update(controlId.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(ref.kind().getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(ref.namespace().getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(ref.name().getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(path.toString().getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(md.digest(), 0, 8);
  }
}
