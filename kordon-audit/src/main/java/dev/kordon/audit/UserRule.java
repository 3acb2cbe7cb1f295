package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user's detection: an object control (a CEL {@code kind: Rule} of {@code --rules}) run over each
 * event as the object, with {@code kind: Event} and the audit id as its name. Rules that match
 * other kinds never see events.
 */
final class UserRule implements Detection {

  private final ObjectControl control;
  private final Snapshot empty = Snapshot.of(List.of());

  UserRule(ObjectControl control) {
    this.control = control;
  }

  @Override
  public ControlInfo info() {
    return control.info();
  }

  @Override
  public void observe(AuditEvent e, Hits hits) {
    KubeObject object = asObject(e);
    if (!control.appliesTo(object)) {
      return;
    }
    for (Finding f : control.check(object, empty)) {
      hits.hit(
          control.info(),
          e,
          e.subject().name()
              + "\u0000"
              + e.object().namespace()
              + "/"
              + e.object().name()
              + "\u0000"
              + f.message(),
          f.path(),
          f.message()
              + " (\""
              + e.subject().name()
              + "\", "
              + e.verb()
              + " "
              + e.object().resource()
              + ")");
    }
  }

  static KubeObject asObject(AuditEvent e) {
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    JsonNode raw = e.raw();
    if (raw.isObject()) {
      copy.setAll((ObjectNode) raw);
    }
    copy.put("kind", "Event");
    if (!copy.path("apiVersion").isString()) {
      copy.put("apiVersion", "audit.k8s.io/v1");
    }
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    meta.put("name", e.auditId());
    copy.set("metadata", meta);
    return KubeObject.of(copy, new Origin.Request(e.where()));
  }
}
