package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;

/** A request by {@code system:anonymous} that was allowed, beyond the public health endpoints. */
final class AnonymousAllowed implements Detection {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0404")
          .title("Anonymous request allowed")
          .severity(Severity.HIGH)
          .description(
              "The API server answered an unauthenticated request with success: something is bound"
                  + " to system:anonymous or system:unauthenticated beyond the public health and"
                  + " discovery endpoints.")
          .remediation(
              "Remove the bindings that grant system:anonymous or system:unauthenticated, or run"
                  + " the API server with --anonymous-auth=false.")
          .kinds("Event")
          .refs("mitre:T1078.001")
          .build();

  private final Identities identities;

  AnonymousAllowed(Identities identities) {
    this.identities = identities;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public void observe(AuditEvent e, Hits hits) {
    if (!e.user().isAnonymous()
        || e.code() == 0
        || !e.succeeded()
        || !e.completed()
        || identities.anonymousPathAllowed(e.requestUri())) {
      return;
    }
    String what =
        e.object().resource().isEmpty()
            ? e.verb() + " " + path(e.requestUri())
            : e.verb()
                + " "
                + e.object().resource()
                + (e.object().namespace().isEmpty() ? "" : " in " + e.object().namespace());
    hits.hit(
        INFO,
        e,
        what,
        JsonPointer.of("user", "username"),
        "an anonymous request was allowed: " + what + " (code " + e.code() + ")");
  }

  private static String path(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }
}
