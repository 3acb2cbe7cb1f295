package dev.kordon.model;

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

  /** 16 hex digits of SHA-256 over control id, object identity (without apiVersion) and path. */
  public static String fingerprint(String controlId, ObjectRef ref, JsonPointer path) {
    return FingerprintHasher.get().hex(8, controlId, ref.kind(), ref.namespace(), ref.name(), path);
  }
}
