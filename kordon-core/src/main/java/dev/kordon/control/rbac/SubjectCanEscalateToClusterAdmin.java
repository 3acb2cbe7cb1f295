package dev.kordon.control.rbac;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.SnapshotControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.rbac.Access;
import dev.kordon.rbac.EscalationPaths;
import dev.kordon.rbac.PathNode;
import dev.kordon.rbac.Step;
import dev.kordon.rbac.Subject;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A subject that is not cluster-admin can become it through a chain of RBAC permissions: binding or
 * escalating roles, impersonation, token requests, pods that run as stronger service accounts,
 * token Secrets. The finding points at the binding subject entry that grants the first step.
 */
public final class SubjectCanEscalateToClusterAdmin implements SnapshotControl {

  /** Chains longer than this are not searched. */
  static final int MAX_STEPS = 6;

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0150")
          .title("Subject can escalate to cluster-admin")
          .severity(Severity.CRITICAL)
          .description(
              "The subject is not cluster-admin, but its RBAC permissions lead there step by step:"
                  + " binding or escalating roles, impersonating, requesting tokens, running pods as"
                  + " stronger service accounts or reading their token Secrets. Whoever controls it"
                  + " controls the cluster.")
          .remediation(
              "Remove the permission of the first step from the subject, or narrow it with"
                  + " resourceNames or a RoleBinding in a namespace without powerful service"
                  + " accounts.")
          .kinds("RoleBinding", "ClusterRoleBinding")
          .refs("cis:5.1.8", "cis:5.1.4", "mitre:T1078", "mitre:T1098")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (EscalationPaths.Path path : EscalationPaths.of(snapshot).toClusterAdmin(MAX_STEPS)) {
      Subject subject = ((PathNode.Holder) path.from()).subject();
      Step first = path.steps().get(0);
      if (subject.isSystem()
          || first.action() == Step.Action.CLUSTER_ADMIN
          || first.action() == Step.Action.SYSTEM_MASTERS) {
        // built-in identities are expected to be powerful; holders of * (and system:masters)
        // already are cluster-admin, which the cluster controls report
        continue;
      }
      Optional<Access> access = first.access();
      if (access.isEmpty() || !access.get().subject().equals(subject)) {
        // granted through a group: the finding belongs to the group's own entry
        continue;
      }
      out.add(
          INFO.finding(
              access.get().grant().binding().object(),
              access.get().grant().entry().pointer(),
              message(subject, path)));
    }
    return out;
  }

  static String message(Subject subject, EscalationPaths.Path path) {
    StringBuilder sb =
        new StringBuilder(subject.display())
            .append(" can reach cluster-admin in ")
            .append(path.length())
            .append(path.length() == 1 ? " step: " : " steps: ");
    List<String> parts = new ArrayList<>();
    for (Step s : path.steps()) {
      parts.add(s.explanation());
    }
    sb.append(String.join("; then ", parts));
    sb.append(" (first step uses ").append(path.steps().get(0).permission()).append(')');
    return sb.toString();
  }
}
