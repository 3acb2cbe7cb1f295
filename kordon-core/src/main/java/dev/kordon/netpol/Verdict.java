package dev.kordon.netpol;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a new connection from {@code from} to {@code to} on a port and protocol may be opened,
 * with both sides' reasons. A connection between pods needs both the source's egress and the
 * destination's ingress to allow it. A live pod always reaches itself: a pod cannot block its own
 * loopback traffic.
 */
public record Verdict(
    Endpoint from,
    Endpoint to,
    int port,
    Protocol protocol,
    boolean loopback,
    Side egress,
    Side ingress) {

  public boolean allowed() {
    return loopback || (egress.allowed() && ingress.allowed());
  }

  /** The verdict as lines of text: the answer, then each side with its policies and rules. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    out.add(
        from.id()
            + " -> "
            + to.id()
            + " "
            + port
            + "/"
            + protocol
            + ": "
            + (allowed() ? "ALLOWED" : "DENIED")
            + (loopback ? " (a pod always reaches itself)" : ""));
    for (Side side : List.of(egress, ingress)) {
      out.add(
          "  "
              + side.direction().field()
              + " of "
              + side.subject().id()
              + ": "
              + side.status().describe(side.direction()));
      for (Policy p : side.policies()) {
        List<String> rules = new ArrayList<>();
        for (Side.RuleMatch m : side.allowing()) {
          if (m.policy() == p) {
            rules.add(m.rule().label());
          }
        }
        out.add(
            "    policy "
                + p.id()
                + (rules.isEmpty()
                    ? ": no rule matches"
                    : ": allowed by " + String.join(", ", rules)));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return String.join("\n", describe());
  }
}
