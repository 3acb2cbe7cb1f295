package dev.kordon.rbac;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the authorizer sees of a requester: a user name and its groups. The groups include the
 * implicit ones the authenticators add ({@code system:authenticated}, {@code
 * system:serviceaccounts}, {@code system:serviceaccounts:<ns>}).
 */
public record Identity(String user, Set<String> groups) {

  public Identity {
    groups = Set.copyOf(groups);
  }

  /**
   * The identity of a subject as it would authenticate: a service account gets its user name and
   * the three service-account groups; a user gets {@code system:authenticated} (or {@code
   * system:unauthenticated} for {@code system:anonymous}); a group stands for any member, who is
   * authenticated as well unless the group is {@code system:unauthenticated}.
   */
  public static Identity of(Subject subject) {
    Set<String> groups = new LinkedHashSet<>();
    switch (subject.kind()) {
      case SERVICE_ACCOUNT:
        groups.add(Subject.SERVICE_ACCOUNTS);
        groups.add(Subject.SERVICE_ACCOUNTS + ":" + subject.namespace());
        groups.add(Subject.AUTHENTICATED);
        return new Identity(subject.userName(), groups);
      case GROUP:
        groups.add(subject.name());
        if (!subject.name().equals(Subject.UNAUTHENTICATED)) {
          groups.add(Subject.AUTHENTICATED);
        }
        return new Identity("", groups);
      case USER:
      default:
        groups.add(
            subject.name().equals(Subject.ANONYMOUS)
                ? Subject.UNAUTHENTICATED
                : Subject.AUTHENTICATED);
        return new Identity(subject.name(), groups);
    }
  }

  /** Whether a binding's subject applies to this identity, as the RBAC authorizer decides it. */
  public boolean matches(Subject s) {
    switch (s.kind()) {
      case USER:
        return !user.isEmpty() && user.equals(s.name());
      case GROUP:
        return groups.contains(s.name());
      case SERVICE_ACCOUNT:
      default:
        return !s.namespace().isEmpty() && user.equals(s.userName());
    }
  }

  /** Members of {@code system:masters} pass every authorization check before RBAC runs. */
  public boolean isMaster() {
    return groups.contains(Subject.MASTERS);
  }
}
