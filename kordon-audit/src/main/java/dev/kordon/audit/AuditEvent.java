package dev.kordon.audit;

import dev.kordon.auditpolicy.AuditLevel;
import dev.kordon.model.Evidence;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One {@code audit.k8s.io} Event, with only what its level recorded: no request body below level
 * Request, no response body below RequestResponse.
 *
 * @param user who authenticated
 * @param impersonated the user the request was made as, or {@link Requester#NONE}
 * @param code the response status code, 0 when not recorded (stage RequestReceived)
 * @param micros the event's time in microseconds since the epoch (stageTimestamp, else
 *     requestReceivedTimestamp, else the legacy timestamp); {@link #UNKNOWN_TIME} when absent
 * @param raw the event as read, for user rules
 * @param line 1-based line of the event in its file (of the first line of a multi-line document)
 */
public record AuditEvent(
    String auditId,
    String stage,
    AuditLevel level,
    String verb,
    String requestUri,
    Requester user,
    Requester impersonated,
    List<String> sourceIps,
    String userAgent,
    Evidence.Target object,
    int code,
    JsonNode requestObject,
    JsonNode responseObject,
    long micros,
    String time,
    JsonNode raw,
    String file,
    long line) {

  public static final long UNKNOWN_TIME = Long.MIN_VALUE;

  public AuditEvent {
    sourceIps = List.copyOf(sourceIps);
  }

  /** Whom the request was authorized as: the impersonated user when there is one. */
  public Requester subject() {
    return impersonated.isEmpty() ? user : impersonated;
  }

  /** Whether the request was allowed and did not fail: a 1xx-3xx code, or none recorded yet. */
  public boolean succeeded() {
    return code == 0 || code < 400;
  }

  public boolean forbidden() {
    return code == 403;
  }

  public boolean isResource(String group, String resource) {
    return object.apiGroup().equals(group) && object.resource().equals(resource);
  }

  /** A stage at which the request's outcome is known. */
  public boolean completed() {
    return stage.equals("ResponseComplete") || stage.equals("ResponseStarted") || stage.isEmpty();
  }

  /** {@code file:line}, for messages. */
  public String where() {
    return file + ":" + line;
  }

  /** Who made a request: a user name and its groups. */
  public record Requester(String name, List<String> groups) {
    public static final Requester NONE = new Requester("", List.of());

    public Requester {
      groups = List.copyOf(groups);
    }

    public boolean isEmpty() {
      return name.isEmpty();
    }

    private static final String SA = "system:serviceaccount:";

    /** {@code namespace/name} of a service account user, else empty. */
    public String serviceAccount() {
      if (!name.startsWith(SA)) {
        return "";
      }
      String rest = name.substring(SA.length());
      int colon = rest.indexOf(':');
      return colon < 0 ? "" : rest.substring(0, colon) + "/" + rest.substring(colon + 1);
    }

    public boolean isServiceAccount() {
      return !serviceAccount().isEmpty();
    }

    public boolean isAnonymous() {
      return name.equals("system:anonymous");
    }
  }
}
