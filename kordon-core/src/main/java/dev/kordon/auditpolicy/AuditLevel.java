package dev.kordon.auditpolicy;

import java.util.Locale;
import java.util.Optional;

/** How much of a request the API server records, in increasing order (audit.k8s.io/v1 Level). */
public enum AuditLevel {
  NONE("None"),
  METADATA("Metadata"),
  REQUEST("Request"),
  REQUEST_RESPONSE("RequestResponse");

  private final String word;

  AuditLevel(String word) {
    this.word = word;
  }

  /** The word the policy and the events spell. */
  public String word() {
    return word;
  }

  public boolean atLeast(AuditLevel other) {
    return compareTo(other) >= 0;
  }

  public static Optional<AuditLevel> parse(String word) {
    for (AuditLevel l : values()) {
      if (l.word.toLowerCase(Locale.ROOT).equals(word.toLowerCase(Locale.ROOT))) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
