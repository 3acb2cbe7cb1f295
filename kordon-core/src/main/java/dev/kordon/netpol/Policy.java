package dev.kordon.netpol;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.LabelSelector;
import java.util.List;

/**
 * A NetworkPolicy with the API's defaults applied. {@code policyTypes} omitted (or empty): Ingress,
 * plus Egress when {@code spec.egress} has at least one rule.
 */
public record Policy(
    String namespace,
    String name,
    LabelSelector podSelector,
    boolean ingressType,
    boolean egressType,
    List<Rule> ingress,
    List<Rule> egress,
    KubeObject object,
    String copy) {

  public Policy {
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
  }

  /** {@code ns/name}, or {@code ns/name (file:line)} for one of several copies. */
  public String id() {
    return copy.isEmpty() ? namespace + "/" + name : namespace + "/" + name + " (" + copy + ")";
  }

  public boolean appliesTo(Direction direction) {
    return direction == Direction.INGRESS ? ingressType : egressType;
  }

  public List<Rule> rules(Direction direction) {
    return direction == Direction.INGRESS ? ingress : egress;
  }

  /** Whether the policy selects the pod; a hostNetwork pod is never selected. */
  public boolean selects(PodGroup pod) {
    return !pod.hostNetwork()
        && pod.namespace().equals(namespace)
        && podSelector.matches(pod.labels());
  }

  @Override
  public String toString() {
    return "NetworkPolicy " + id();
  }
}
