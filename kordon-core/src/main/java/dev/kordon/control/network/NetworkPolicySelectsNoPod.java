package dev.kordon.control.network;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ControlScope;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.netpol.Coverage;
import dev.kordon.netpol.Direction;
import dev.kordon.netpol.Peer;
import dev.kordon.netpol.PodGroup;
import dev.kordon.netpol.Policy;
import dev.kordon.netpol.PolicyModel;
import dev.kordon.netpol.Rule;
import dev.kordon.snapshot.LabelSelector;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A NetworkPolicy whose selectors pick pods of its own namespace but match none there:
 *
 * <ul>
 *   <li>its {@code podSelector} matches no pod of its namespace. Judged when the namespace has pods
 *       in the inputs, or when a non-empty selector matches pods of other namespaces: a policy
 *       applies only to pods of its own namespace, so it was put in the wrong one (often by leaving
 *       {@code metadata.namespace} out, which places it in the default namespace);
 *   <li>a peer with a non-empty {@code podSelector} and no {@code namespaceSelector} matches no pod
 *       of the policy's namespace but pods of other namespaces: such a peer only ever selects pods
 *       of the policy's namespace, so the rule admits nothing it was written for, and a {@code
 *       namespaceSelector} is missing.
 * </ul>
 *
 * hostNetwork pods match no selector, so a selector that only matches them counts as matching none.
 */
public final class NetworkPolicySelectsNoPod implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0183")
          .title("NetworkPolicy selects no pod")
          .severity(Severity.LOW)
          .description(
              "The policy's podSelector matches none of the pods of its namespace, or a rule's"
                  + " peer selects pods of the policy's namespace where only other namespaces have"
                  + " matching pods: the policy isolates nothing, or the rule admits nothing it"
                  + " was written for.")
          .remediation(
              "Put the policy in the namespace of the pods it is meant for, fix the podSelector to"
                  + " their labels, or add a namespaceSelector to a peer in another namespace;"
                  + " delete a policy whose workload is gone.")
          .kinds("NetworkPolicy")
          .peers("kubescape:C-0299")
          .scope(ControlScope.OBJECT_IN_SNAPSHOT)
          .build();

  /** At most this many other namespaces are named in a message. */
  private static final int NAMED = 3;

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    PolicyModel model = PolicyModel.of(snapshot);
    Optional<Policy> policy = model.policyOf(object);
    if (policy.isEmpty()) {
      return List.of();
    }
    Policy p = policy.get();
    List<Finding> out = new ArrayList<>();
    policySelector(object, model, p).ifPresent(out::add);
    for (Direction d : Direction.values()) {
      for (Rule rule : p.rules(d)) {
        for (int i = 0; i < rule.peers().size(); i++) {
          peerSelector(object, model, p, d, rule, i).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  private static Optional<Finding> policySelector(KubeObject object, PolicyModel model, Policy p) {
    int pods = model.podsIn(p.namespace()).size();
    Optional<Coverage.NoEffect> noEffect = Coverage.noEffect(model, p);
    if (noEffect.isEmpty()) {
      return Optional.empty();
    }
    JsonPointer selector = JsonPointer.of("spec", "podSelector");
    JsonPointer at = object.has(selector) ? selector : JsonPointer.of("metadata", "name");
    TreeSet<String> elsewhere =
        p.podSelector().isEmpty()
            ? new TreeSet<>()
            : namespacesMatching(model, p.namespace(), p.podSelector());
    if (!elsewhere.isEmpty()) {
      return Optional.of(
          INFO.finding(
              object,
              at,
              "podSelector "
                  + p.podSelector()
                  + " matches no pod of namespace \""
                  + p.namespace()
                  + "\", only workloads of "
                  + describe(elsewhere)
                  + "; a NetworkPolicy applies only to pods of its own namespace"));
    }
    if (pods == 0) {
      return Optional.empty();
    }
    return Optional.of(
        INFO.finding(
            object,
            at,
            "podSelector "
                + p.podSelector()
                + " matches none of the "
                + pods
                + " workload(s) of namespace \""
                + p.namespace()
                + "\""
                + (noEffect.get().onlyHostNetwork() ? "; it " + noEffect.get().reason() : "")));
  }

  private static Optional<Finding> peerSelector(
      KubeObject object, PolicyModel model, Policy p, Direction d, Rule rule, int index) {
    if (!(rule.peers().get(index) instanceof Peer.Selector)) {
      return Optional.empty();
    }
    Peer.Selector peer = (Peer.Selector) rule.peers().get(index);
    if (peer.namespaces().isPresent() || peer.pods().isEmpty() || peer.pods().get().isEmpty()) {
      return Optional.empty();
    }
    LabelSelector selector = peer.pods().get();
    for (PodGroup pod : model.podsIn(p.namespace())) {
      if (!pod.hostNetwork() && selector.matches(pod.labels())) {
        return Optional.empty();
      }
    }
    TreeSet<String> elsewhere = namespacesMatching(model, p.namespace(), selector);
    if (elsewhere.isEmpty()) {
      return Optional.empty();
    }
    JsonPointer at = rule.pointer().append(d.peersField(), Integer.toString(index), "podSelector");
    return Optional.of(
        INFO.finding(
            object,
            at,
            d.field()
                + " rule "
                + (rule.index() + 1)
                + " peer "
                + (index + 1)
                + " podSelector "
                + selector
                + " matches no pod of namespace \""
                + p.namespace()
                + "\", only workloads of "
                + describe(elsewhere)
                + "; without a namespaceSelector a peer selects pods of the policy's namespace"
                + " only"));
  }

  /**
   * Namespaces other than {@code own} with a pod (not on the host network) the selector matches.
   */
  private static TreeSet<String> namespacesMatching(
      PolicyModel model, String own, LabelSelector selector) {
    // only pods with one of the labels the selector requires can match: the rarest one's
    List<PodGroup> candidates = model.pods();
    for (Map.Entry<String, String> required : selector.matchLabels().entrySet()) {
      List<PodGroup> labelled = model.podsLabelled(required.getKey(), required.getValue());
      if (labelled.size() < candidates.size()) {
        candidates = labelled;
      }
    }
    TreeSet<String> out = new TreeSet<>();
    for (PodGroup pod : candidates) {
      if (!pod.namespace().equals(own) && !pod.hostNetwork() && selector.matches(pod.labels())) {
        out.add(pod.namespace());
      }
    }
    return out;
  }

  private static String describe(TreeSet<String> namespaces) {
    List<String> named = new ArrayList<>();
    for (String ns : namespaces) {
      if (named.size() == NAMED) {
        break;
      }
      named.add("\"" + ns + "\"");
    }
    String more = namespaces.size() > NAMED ? " and " + (namespaces.size() - NAMED) + " more" : "";
    return (namespaces.size() == 1 ? "namespace " : "namespaces ")
        + String.join(", ", named)
        + more;
  }
}
