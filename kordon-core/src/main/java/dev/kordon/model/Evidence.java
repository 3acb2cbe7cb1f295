package dev.kordon.model;

import java.util.List;

/**
 * What recorded events back a finding that was read from a log rather than from an object: the
 * audit ids of every event that triggered it, who made the requests and from where, and the object
 * they were about. {@link #NONE} for findings about objects.
 *
 * @param auditIds the {@code auditID} of every triggering event, in the order seen, at most {@link
 *     #MAX_IDS}; {@code events} counts them all
 * @param user the user the request was authorized as (the impersonated user when impersonating)
 * @param serviceAccount {@code namespace/name} when the user is a service account, else empty
 * @param firstSeen ISO-8601 time of the first triggering event, empty when unknown
 */
public record Evidence(
    List<String> auditIds,
    int events,
    String user,
    List<String> groups,
    String serviceAccount,
    List<String> sourceIPs,
    String userAgent,
    Target object,
    String firstSeen,
    String lastSeen) {

  /** Beyond this, ids are counted but not listed: a burst of a million events stays small. */
  public static final int MAX_IDS = 100;

  public static final Evidence NONE =
      new Evidence(List.of(), 0, "", List.of(), "", List.of(), "", Target.NONE, "", "");

  public Evidence {
    auditIds = List.copyOf(auditIds);
    groups = List.copyOf(groups);
    sourceIPs = List.copyOf(sourceIPs);
  }

  public boolean isEmpty() {
    return events == 0;
  }

  /**
   * The object a request was about, as the audit event's {@code objectRef} names it (resource
   * plural, not kind).
   */
  public record Target(
      String apiGroup, String resource, String subresource, String namespace, String name) {
    public static final Target NONE = new Target("", "", "", "", "");
  }
}
