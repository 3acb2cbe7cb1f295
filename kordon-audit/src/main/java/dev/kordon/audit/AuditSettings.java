package dev.kordon.audit;

/**
 * How the detections judge: who is system, the Forbidden-burst window, and caps.
 *
 * @param burstThreshold this many Forbidden answers to one requester ...
 * @param burstWindowSeconds ... within this many seconds make a burst
 * @param maxFindings findings beyond this are counted, not kept
 */
public record AuditSettings(
    Identities identities, int burstThreshold, long burstWindowSeconds, int maxFindings) {

  public static AuditSettings defaults() {
    return new AuditSettings(Identities.builtIn(), 10, 60, 10_000);
  }

  public AuditSettings withBurst(int threshold, long windowSeconds) {
    return new AuditSettings(identities, threshold, windowSeconds, maxFindings);
  }

  public AuditSettings withIdentities(Identities value) {
    return new AuditSettings(value, burstThreshold, burstWindowSeconds, maxFindings);
  }
}
