package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;

/**
 * A CronJob or DaemonSet created by a person outside {@code kube-system}: persistence that runs
 * again on schedule, or on every node. Controllers and service accounts (CI, GitOps) are not
 * people. Two catalog entries, one rule.
 */
final class CreatedByPerson implements Detection {

  static final ControlInfo CRONJOB =
      ControlInfo.builder("KOR-0410")
          .title("CronJob created by a person")
          .severity(Severity.LOW)
          .description(
              "A person created a CronJob directly through the API: code that runs again and again,"
                  + " a classic foothold, outside the usual delivery pipeline.")
          .remediation(
              "Confirm the CronJob was intended and move it into source control; delete it"
                  + " otherwise.")
          .kinds("Event")
          .refs("mitre:T1053.007")
          .build();

  static final ControlInfo DAEMONSET =
      ControlInfo.builder("KOR-0411")
          .title("DaemonSet created by a person")
          .severity(Severity.MEDIUM)
          .description(
              "A person created a DaemonSet directly through the API: one pod on every node, the"
                  + " fastest way to reach them all.")
          .remediation(
              "Confirm the DaemonSet was intended and move it into source control; delete it"
                  + " otherwise.")
          .kinds("Event")
          .refs("mitre:T1610")
          .build();

  private final ControlInfo info;
  private final String group;
  private final String resource;
  private final Identities identities;

  private CreatedByPerson(ControlInfo info, String group, String resource, Identities identities) {
    this.info = info;
    this.group = group;
    this.resource = resource;
    this.identities = identities;
  }

  static CreatedByPerson cronJobs(Identities identities) {
    return new CreatedByPerson(CRONJOB, "batch", "cronjobs", identities);
  }

  static CreatedByPerson daemonSets(Identities identities) {
    return new CreatedByPerson(DAEMONSET, "apps", "daemonsets", identities);
  }

  @Override
  public ControlInfo info() {
    return info;
  }

  @Override
  public void observe(AuditEvent e, Hits hits) {
    if (!e.isResource(group, resource)
        || !e.object().subresource().isEmpty()
        || !e.verb().equals("create")
        || !e.completed()
        || !e.succeeded()
        || e.object().namespace().equals("kube-system")
        || !identities.isPerson(e.subject())) {
      return;
    }
    String name = HostAccessWorkload.name(e);
    hits.hit(
        info,
        e,
        e.subject().name() + "\u0000" + e.object().namespace() + "/" + name,
        JsonPointer.of("objectRef"),
        "\""
            + e.subject().name()
            + "\" created "
            + Kinds.of(resource)
            + " "
            + e.object().namespace()
            + "/"
            + name);
  }
}
