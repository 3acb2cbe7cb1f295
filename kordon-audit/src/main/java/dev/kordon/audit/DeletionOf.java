package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import java.util.List;
import java.util.Set;

/**
 * Deletion of objects whose absence hides an attack: Events (the trail of what happened), or the
 * admission webhooks and policies that would have stopped it. Two catalog entries, one rule.
 */
final class DeletionOf implements Detection {

  static final ControlInfo EVENTS =
      ControlInfo.builder("KOR-0408")
          .title("Events deleted")
          .severity(Severity.MEDIUM)
          .description(
              "Someone deleted Events: the short trail of what happened in a namespace (pulls,"
                  + " kills, scheduling) is what an intruder erases.")
          .remediation(
              "Find out why the Events were deleted; grant delete on events to nobody but the"
                  + " system.")
          .kinds("Event")
          .refs("mitre:T1070")
          .build();

  static final ControlInfo ADMISSION =
      ControlInfo.builder("KOR-0409")
          .title("Admission webhook or policy deleted")
          .severity(Severity.HIGH)
          .description(
              "A ValidatingWebhookConfiguration, MutatingWebhookConfiguration or"
                  + " ValidatingAdmissionPolicy (or its binding) was deleted: the defences that"
                  + " refuse bad objects are gone.")
          .remediation(
              "Restore the object from source control and find out who deleted it and why.")
          .kinds("Event")
          .refs("mitre:T1562.001")
          .build();

  private static final Set<String> DELETES = Set.of("delete", "deletecollection");

  private final ControlInfo info;
  private final List<String[]> resources;
  private final Identities identities;

  private DeletionOf(ControlInfo info, List<String[]> resources, Identities identities) {
    this.info = info;
    this.resources = resources;
    this.identities = identities;
  }

  static DeletionOf events(Identities identities) {
    return new DeletionOf(
        EVENTS,
        List.of(new String[] {"", "events"}, new String[] {"events.k8s.io", "events"}),
        identities);
  }

  static DeletionOf admission(Identities identities) {
    String g = "admissionregistration.k8s.io";
    return new DeletionOf(
        ADMISSION,
        List.of(
            new String[] {g, "validatingwebhookconfigurations"},
            new String[] {g, "mutatingwebhookconfigurations"},
            new String[] {g, "validatingadmissionpolicies"},
            new String[] {g, "validatingadmissionpolicybindings"},
            new String[] {g, "mutatingadmissionpolicies"},
            new String[] {g, "mutatingadmissionpolicybindings"}),
        identities);
  }

  @Override
  public ControlInfo info() {
    return info;
  }

  @Override
  public void observe(AuditEvent e, Hits hits) {
    if (!DELETES.contains(e.verb())
        || !e.completed()
        || !e.succeeded()
        || resources.stream().noneMatch(r -> e.isResource(r[0], r[1]))
        || identities.isSystem(e.subject().name())) {
      return;
    }
    String name = e.object().name().isEmpty() ? "(all)" : e.object().name();
    String where = e.object().namespace().isEmpty() ? "" : " in " + e.object().namespace();
    hits.hit(
        info,
        e,
        e.subject().name()
            + "\u0000"
            + e.object().resource()
            + "\u0000"
            + e.object().namespace()
            + (info == EVENTS ? "" : "/" + name),
        JsonPointer.of("verb"),
        "\""
            + e.subject().name()
            + "\" "
            + HostAccessWorkload.past(e.verb())
            + " "
            + Kinds.of(e.object().resource())
            + (info == EVENTS && e.verb().equals("delete") ? " " + name : "")
            + (info == EVENTS ? "" : " " + name)
            + where);
  }
}
