package dev.kordon.netpol;

import java.util.List;

/**
 * What one side of a connection decided: the source's egress or the destination's ingress.
 *
 * @param subject the endpoint whose policies were consulted
 * @param status why the side allows or denies
 * @param policies the policies that select the subject for this direction
 * @param allowing the rules of those policies that match the connection (all of them, since
 *     policies are additive)
 */
public record Side(
    Direction direction,
    Endpoint subject,
    Status status,
    List<Policy> policies,
    List<RuleMatch> allowing) {

  /** How a side came to its answer. */
  public enum Status {
    /** No policy selects the pod for this direction: everything is allowed. */
    NOT_ISOLATED("no policy selects it for %s: unrestricted"),
    /** A hostNetwork pod: NetworkPolicies do not apply to it. */
    HOST_NETWORK("hostNetwork pod: policies do not apply to its %s"),
    /** An address outside the cluster: no policy of the cluster is on its side. */
    EXTERNAL("address outside the cluster: no %s policy of its own"),
    /** Isolated, and at least one rule matches. */
    ALLOWED("isolated for %s, allowed by a rule"),
    /** Isolated, and no rule of the selecting policies matches. */
    DENIED("isolated for %s, no rule matches");

    private final String text;

    Status(String text) {
      this.text = text;
    }

    public String describe(Direction d) {
      return String.format(text, d.field());
    }
  }

  /** One rule of one policy that matches the connection. */
  public record RuleMatch(Policy policy, Rule rule) {
    @Override
    public String toString() {
      return policy.id() + " " + rule.label();
    }
  }

  public Side {
    policies = List.copyOf(policies);
    allowing = List.copyOf(allowing);
  }

  public boolean allowed() {
    return status != Status.DENIED;
  }
}
