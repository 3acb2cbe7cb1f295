package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;

/**
 * A TokenRequest ({@code create serviceaccounts/token}) for a service account other than the
 * requester's own. Kubelets and the controller manager do this for pods all day and are system
 * identities; anyone else minting another account's token is stealing its access.
 */
final class TokenForOtherAccount implements Detection {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0406")
          .title("Token requested for another service account")
          .severity(Severity.HIGH)
          .description(
              "Someone minted a token for a service account that is not their own: the token"
                  + " carries every permission of that account.")
          .remediation(
              "Find out who needed the token; remove create on serviceaccounts/token from"
                  + " everyone but the system components.")
          .kinds("Event")
          .refs("mitre:T1528")
          .build();

  private final Identities identities;

  TokenForOtherAccount(Identities identities) {
    this.identities = identities;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public void observe(AuditEvent e, Hits hits) {
    if (!e.isResource("", "serviceaccounts")
        || !e.object().subresource().equals("token")
        || !e.verb().equals("create")
        || !e.completed()
        || !e.succeeded()
        || identities.isSystem(e.subject().name())) {
      return;
    }
    String target = e.object().namespace() + "/" + e.object().name();
    if (e.subject().serviceAccount().equals(target)) {
      return;
    }
    hits.hit(
        INFO,
        e,
        e.subject().name() + "\u0000" + target,
        JsonPointer.of("objectRef", "name"),
        "\"" + e.subject().name() + "\" requested a token for service account " + target);
  }
}
