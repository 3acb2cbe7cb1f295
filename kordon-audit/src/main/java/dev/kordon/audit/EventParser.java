package dev.kordon.audit;

import dev.kordon.auditpolicy.AuditLevel;
import dev.kordon.model.Evidence;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** Turns one parsed JSON value into an {@link AuditEvent}, or says why it is none. */
final class EventParser {

  private EventParser() {}

  /** Why a JSON value is not an audit event, or the event. */
  sealed interface Parsed permits Event, NotEvent {}

  record Event(AuditEvent event) implements Parsed {}

  record NotEvent(String why) implements Parsed {}

  static Parsed parse(JsonNode n, String file, long line) {
    if (n == null || !n.isObject()) {
      return new NotEvent("not a JSON object");
    }
    String kind = n.path("kind").asString("");
    if (!kind.isEmpty() && !kind.equals("Event")) {
      return new NotEvent("kind " + kind + ", not Event");
    }
    String verb = text(n, "verb");
    String auditId = text(n, "auditID");
    if (verb.isEmpty() && auditId.isEmpty()) {
      return new NotEvent("neither verb nor auditID: not an audit event");
    }
    String levelWord = text(n, "level");
    Optional<AuditLevel> parsedLevel = AuditLevel.parse(levelWord);
    // an event without a level is taken at its word: what it carries was recorded
    AuditLevel level = parsedLevel.orElse(AuditLevel.REQUEST_RESPONSE);
    JsonNode ref = n.path("objectRef");
    Evidence.Target target =
        new Evidence.Target(
            text(ref, "apiGroup"),
            text(ref, "resource"),
            text(ref, "subresource"),
            text(ref, "namespace"),
            text(ref, "name"));
    JsonNode request =
        level.atLeast(AuditLevel.REQUEST) ? n.path("requestObject") : MissingNode.getInstance();
    JsonNode response =
        level.atLeast(AuditLevel.REQUEST_RESPONSE)
            ? n.path("responseObject")
            : MissingNode.getInstance();
    String time = text(n, "stageTimestamp");
    if (time.isEmpty()) {
      time = text(n, "requestReceivedTimestamp");
    }
    if (time.isEmpty()) {
      time = text(n, "timestamp");
    }
    if (time.isEmpty()) {
      time = text(n.path("metadata"), "creationTimestamp");
    }
    JsonNode codeNode = n.path("responseStatus").path("code");
    int code = codeNode.isNumber() ? codeNode.asInt() : 0;
    return new Event(
        new AuditEvent(
            auditId,
            text(n, "stage"),
            level,
            verb,
            text(n, "requestURI"),
            requester(n.path("user")),
            requester(n.path("impersonatedUser")),
            strings(n.path("sourceIPs")),
            text(n, "userAgent"),
            target,
            code,
            request,
            response,
            micros(time),
            time,
            n,
            file,
            line));
  }

  private static AuditEvent.Requester requester(JsonNode u) {
    if (!u.isObject()) {
      return AuditEvent.Requester.NONE;
    }
    return new AuditEvent.Requester(text(u, "username"), strings(u.path("groups")));
  }

  static long micros(String time) {
    if (time.isEmpty()) {
      return AuditEvent.UNKNOWN_TIME;
    }
    try {
      Instant i = Instant.parse(time);
      return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    } catch (DateTimeParseException e) {
      return AuditEvent.UNKNOWN_TIME;
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isString() ? v.asString() : "";
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : node) {
      if (v.isString()) {
        out.add(v.asString());
      }
    }
    return out;
  }
}
