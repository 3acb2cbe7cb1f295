package dev.kordon.netpol;

import dev.kordon.model.KubeObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod, or the pods of one workload read from its template. Policies cannot tell the replicas of a
 * workload apart (same namespace, labels and ports), so one group stands for all of them.
 *
 * @param name the pod's name, or the workload's: its Kubernetes name, never decorated
 * @param ip {@code status.podIP} of a live pod; empty for a template
 * @param template the group comes from a workload template, not from a live Pod object
 * @param hostNetwork the pod shares the node's network namespace: NetworkPolicies do not apply to
 *     it and no selector matches it
 * @param object the Pod or workload object
 * @param sharedName another kind of workload in the namespace has the same name, so the id names
 *     the kind
 * @param copy where the object was defined ({@code file:line}) when the inputs define it several
 *     times, so that the id tells the copies apart; empty otherwise
 */
public record PodGroup(
    String namespace,
    String name,
    Map<String, String> labels,
    List<ContainerPort> ports,
    Optional<IpAddress> ip,
    boolean template,
    boolean hostNetwork,
    KubeObject object,
    boolean sharedName,
    String copy)
    implements Endpoint {

  public PodGroup {
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
  }

  /**
   * {@code ns/name}, followed by what tells it apart where that is ambiguous: {@code shop/redis
   * (StatefulSet)}, {@code shop/api (deploy/b.yaml:10)}.
   */
  @Override
  public String id() {
    return qualified(sharedName);
  }

  /** The id with the object's kind always shown: {@code shop/web (Deployment)}. */
  public String idWithKind() {
    return qualified(true);
  }

  private String qualified(boolean withKind) {
    String base = namespace + "/" + name;
    if (withKind && !copy.isEmpty()) {
      return base + " (" + object.kind() + ", " + copy + ")";
    }
    if (withKind) {
      return base + " (" + object.kind() + ")";
    }
    return copy.isEmpty() ? base : base + " (" + copy + ")";
  }

  @Override
  public Optional<IpAddress> address() {
    return ip;
  }

  /** The container port with this name and protocol, as named NetworkPolicy ports resolve. */
  public Optional<ContainerPort> namedPort(String portName, Protocol protocol) {
    for (ContainerPort p : ports) {
      if (p.name().equals(portName) && p.protocol() == protocol) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id();
  }
}
