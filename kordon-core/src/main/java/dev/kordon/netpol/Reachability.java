package dev.kordon.netpol;

import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Who may open a connection to whom, by exact {@code networking.k8s.io/v1} semantics. {@link
 * #check} answers one question with its trace; {@link #matrix} answers every pair of pods at once
 * over classes of identical pods.
 */
public final class Reachability {

  private final PolicyModel model;
  private final Function<String, Map<String, String>> nsLabels;

  public Reachability(PolicyModel model) {
    this.model = model;
    this.nsLabels = model::namespaceLabels;
  }

  /** The reachability of a snapshot, built once and cached on it. */
  public static Reachability of(Snapshot snapshot) {
    return snapshot.derived(Reachability.class, s -> new Reachability(PolicyModel.of(s)));
  }

  public PolicyModel model() {
    return model;
  }

  /** One connection, with the policies and rules that decided each side. */
  public Verdict check(Endpoint from, Endpoint to, int port, Protocol protocol) {
    boolean loopback = from instanceof PodGroup && from == to && !((PodGroup) from).template();
    Side egress = side(Direction.EGRESS, from, to, from, to, port, protocol);
    Side ingress = side(Direction.INGRESS, to, from, from, to, port, protocol);
    return new Verdict(from, to, port, protocol, loopback, egress, ingress);
  }

  public boolean allowed(Endpoint from, Endpoint to, PortProtocol pp) {
    return check(from, to, pp.port(), pp.protocol()).allowed();
  }

  private Side side(
      Direction direction,
      Endpoint subject,
      Endpoint peer,
      Endpoint from,
      Endpoint to,
      int port,
      Protocol protocol) {
    if (!(subject instanceof PodGroup)) {
      return new Side(direction, subject, Side.Status.EXTERNAL, List.of(), List.of());
    }
    PodGroup pod = (PodGroup) subject;
    if (pod.hostNetwork()) {
      return new Side(direction, subject, Side.Status.HOST_NETWORK, List.of(), List.of());
    }
    List<Policy> selecting = model.policiesSelecting(pod, direction);
    if (selecting.isEmpty()) {
      return new Side(direction, subject, Side.Status.NOT_ISOLATED, List.of(), List.of());
    }
    List<Side.RuleMatch> allowing = new ArrayList<>();
    for (Policy p : selecting) {
      for (Rule r : p.rules(direction)) {
        if (r.matchesPort(port, protocol, to) && r.matchesPeer(peer, nsLabels)) {
          allowing.add(new Side.RuleMatch(p, r));
        }
      }
    }
    Side.Status status = allowing.isEmpty() ? Side.Status.DENIED : Side.Status.ALLOWED;
    return new Side(direction, subject, status, selecting, allowing);
  }

  /** Every ordered pair of the model's pods (a pod with itself included) for each port asked. */
  public Matrix matrix(List<PortProtocol> ports) {
    return Matrix.compute(model, ports);
  }
}
