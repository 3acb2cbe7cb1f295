package dev.kordon.netpol;

import dev.kordon.snapshot.LabelSelector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** One entry of a rule's {@code from} or {@code to}. */
public sealed interface Peer permits Peer.Selector, Peer.IpBlock, Peer.Invalid {

  /**
   * Whether the peer matches an endpoint; {@code namespaceLabels} gives the labels of a namespace.
   */
  boolean matches(Endpoint endpoint, Function<String, Map<String, String>> namespaceLabels);

  /**
   * {@code podSelector} and/or {@code namespaceSelector}. Only {@code podSelector}: pods of the
   * policy's namespace. Only {@code namespaceSelector}: every pod of the matching namespaces. Both
   * in one peer: the matching pods of the matching namespaces (not the union).
   */
  record Selector(
      String policyNamespace, Optional<LabelSelector> namespaces, Optional<LabelSelector> pods)
      implements Peer {
    @Override
    public boolean matches(Endpoint endpoint, Function<String, Map<String, String>> nsLabels) {
      if (!(endpoint instanceof PodGroup)) {
        return false;
      }
      PodGroup pod = (PodGroup) endpoint;
      if (pod.hostNetwork()) {
        return false;
      }
      boolean namespaceOk =
          namespaces.isPresent()
              ? namespaces.get().matches(nsLabels.apply(pod.namespace()))
              : pod.namespace().equals(policyNamespace);
      return namespaceOk && pods.map(s -> s.matches(pod.labels())).orElse(true);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      namespaces.ifPresent(s -> b.append("namespaces[").append(s).append("]"));
      pods.ifPresent(
          s -> b.append(b.length() > 0 ? " and " : "").append("pods[").append(s).append("]"));
      if (namespaces.isEmpty()) {
        b.append(" in ").append(policyNamespace);
      }
      return b.toString();
    }
  }

  /**
   * An {@code ipBlock}: addresses in {@code cidr} and in none of {@code except}. It matches pods by
   * their IP too. A pod group with no known IP (a workload template) is matched only by a block
   * that covers every address ({@code /0} without {@code except}), the one answer that does not
   * depend on the IP the pod will get.
   */
  record IpBlock(Cidr cidr, List<Cidr> except) implements Peer {
    public IpBlock {
      except = List.copyOf(except);
    }

    @Override
    public boolean matches(Endpoint endpoint, Function<String, Map<String, String>> nsLabels) {
      Optional<IpAddress> ip = endpoint.address();
      if (ip.isEmpty()) {
        return cidr.isEverything() && except.isEmpty();
      }
      if (!cidr.contains(ip.get())) {
        return false;
      }
      for (Cidr e : except) {
        if (e.contains(ip.get())) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return "ipBlock " + cidr + (except.isEmpty() ? "" : " except " + except);
    }
  }

  /**
   * A peer the API server would reject (no selector and no ipBlock, a malformed CIDR): it matches
   * nothing, so it never widens what a policy allows.
   */
  record Invalid(String reason) implements Peer {
    @Override
    public boolean matches(Endpoint endpoint, Function<String, Map<String, String>> nsLabels) {
      return false;
    }

    @Override
    public String toString() {
      return "invalid peer (" + reason + ")";
    }
  }
}
