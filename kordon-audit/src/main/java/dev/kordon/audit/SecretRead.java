package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import java.util.Set;

/** Secrets read (get, list, watch) by a requester that is not known to need them. */
final class SecretRead implements Detection {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0402")
          .title("Secret read by an unexpected requester")
          .severity(Severity.MEDIUM)
          .description(
              "Secrets were read by someone who is neither a controller nor a system identity that"
                  + " needs them: a person or a workload collecting credentials.")
          .remediation(
              "Confirm the reader needs these Secrets; if so, list it under secretReaders in an"
                  + " --identities file, else remove its access to secrets.")
          .kinds("Event")
          .refs("mitre:T1552.007")
          .build();

  private static final Set<String> READS = Set.of("get", "list", "watch");

  private final Identities identities;

  SecretRead(Identities identities) {
    this.identities = identities;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public void observe(AuditEvent e, Hits hits) {
    if (!e.isResource("", "secrets")
        || !e.object().subresource().isEmpty()
        || !READS.contains(e.verb())
        || !e.completed()
        || !e.succeeded()
        || identities.readsSecrets(e.subject().name())) {
      return;
    }
    String ns =
        e.object().namespace().isEmpty() ? "all namespaces" : "namespace " + e.object().namespace();
    String target =
        e.object().name().isEmpty()
            ? "the Secrets of " + ns
            : "Secret " + e.object().namespace() + "/" + e.object().name();
    hits.hit(
        INFO,
        e,
        e.subject().name() + "\u0000" + e.object().namespace() + "/" + e.object().name(),
        JsonPointer.of("objectRef"),
        "\"" + e.subject().name() + "\" read (" + e.verb() + ") " + target);
  }
}
