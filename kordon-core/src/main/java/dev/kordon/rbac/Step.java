package dev.kordon.rbac;

import java.util.Optional;

/**
 * One edge of the escalation graph: from one position to a better one, with the permission used.
 *
 * @param permission the requests RBAC allows for this step, e.g. {@code create pods in dev}
 * @param access the grant and rule that allow the first of them; empty for membership of
 *     system:masters, which needs no grant
 * @param explanation what the attacker does with it, in one line
 */
public record Step(
    PathNode from,
    PathNode to,
    Action action,
    String permission,
    Optional<Access> access,
    String explanation) {

  /** The kinds of step, after KubeHound's edges and the Kubernetes RBAC good-practices list. */
  public enum Action {
    CLUSTER_ADMIN,
    SYSTEM_MASTERS,
    BIND,
    ESCALATE,
    IMPERSONATE,
    CSR_APPROVE,
    TOKEN_REQUEST,
    POD_CREATE,
    SECRET_MINT,
    SECRET_READ,
    POD_EXEC,
    POD_MODIFY,
    NODE_PROXY;

    /** The kebab-case word used in JSON and DOT output. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
