package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import java.util.Set;

/**
 * Exec, attach and port-forward into a pod. Over WebSocket (kubectl 1.30+) they are logged with
 * verb {@code get}, over SPDY with {@code create}; both are reported.
 */
final class PodExec implements Detection {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0400")
          .title("Exec, attach or port-forward into a pod")
          .severity(Severity.MEDIUM)
          .description(
              "Someone ran a command in, attached to, or forwarded a port of a running pod: the way"
                  + " an attacker with API access reaches the files, tokens and network of a"
                  + " workload.")
          .remediation(
              "Confirm the session was expected; restrict pods/exec, pods/attach and"
                  + " pods/portforward to the few who need them.")
          .kinds("Event")
          .refs("mitre:T1609")
          .build();

  private static final Set<String> SUBRESOURCES = Set.of("exec", "attach", "portforward");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public void observe(AuditEvent e, Hits hits) {
    if (!e.isResource("", "pods")
        || !SUBRESOURCES.contains(e.object().subresource())
        || !(e.verb().equals("create") || e.verb().equals("get"))
        || !e.completed()
        || !e.succeeded()) {
      return;
    }
    String sub = e.object().subresource();
    String action =
        switch (sub) {
          case "exec" -> "ran a command in";
          case "attach" -> "attached to";
          default -> "forwarded a port of";
        };
    String who = e.subject().name();
    hits.hit(
        INFO,
        e,
        who + "\u0000" + sub + "\u0000" + e.object().namespace() + "/" + e.object().name(),
        JsonPointer.of("objectRef", "subresource"),
        "\"" + who + "\" " + action + " pod " + e.object().namespace() + "/" + e.object().name());
  }
}
