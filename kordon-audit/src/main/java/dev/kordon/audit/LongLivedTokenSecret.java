package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import tools.jackson.databind.JsonNode;

/**
 * A Secret of type {@code kubernetes.io/service-account-token} created: a token that never expires.
 * Needs the body (level Request for secrets), which most policies rightly do not record; only the
 * type is read, never the data.
 */
final class LongLivedTokenSecret implements Detection {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0407")
          .title("Long-lived service account token Secret created")
          .severity(Severity.HIGH)
          .description(
              "A Secret of type kubernetes.io/service-account-token was created: the API server"
                  + " fills it with a token that never expires, a durable credential for the"
                  + " account.")
          .remediation(
              "Delete the Secret unless a legacy client truly needs it; use TokenRequest (kubectl"
                  + " create token) for short-lived tokens.")
          .kinds("Event")
          .refs("mitre:T1528")
          .build();

  static final String TYPE = "kubernetes.io/service-account-token";

  private final Identities identities;

  LongLivedTokenSecret(Identities identities) {
    this.identities = identities;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public void observe(AuditEvent e, Hits hits) {
    if (!e.isResource("", "secrets")
        || !e.verb().equals("create")
        || !e.completed()
        || !e.succeeded()
        || identities.isSystem(e.subject().name())) {
      return;
    }
    JsonNode body = e.requestObject();
    String field = "requestObject";
    if (!body.path("type").isString()) {
      body = e.responseObject();
      field = "responseObject";
    }
    if (!body.path("type").asString("").equals(TYPE)) {
      return;
    }
    String account =
        body.path("metadata")
            .path("annotations")
            .path("kubernetes.io/service-account.name")
            .asString("?");
    String name = HostAccessWorkload.name(e);
    hits.hit(
        INFO,
        e,
        e.subject().name() + "\u0000" + e.object().namespace() + "/" + name,
        JsonPointer.of(field, "type"),
        "\""
            + e.subject().name()
            + "\" created token Secret "
            + e.object().namespace()
            + "/"
            + name
            + " for service account "
            + account);
  }
}
