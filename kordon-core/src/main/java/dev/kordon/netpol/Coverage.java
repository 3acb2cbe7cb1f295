package dev.kordon.netpol;

import dev.kordon.model.JsonPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the policies leave open: pods no policy isolates, namespaces without a default deny,
 * policies that select nothing, rules open to every source, and pods that can reach the cloud
 * metadata service.
 *
 * @param noIngressPolicy pods selected by no policy for ingress (every source reaches them)
 * @param noEgressPolicy pods selected by no policy for egress (they reach everything)
 * @param namespaces per namespace with pods: whether it has a default deny for each direction
 * @param selectingNoPod policies whose podSelector matches no pod of the model
 * @param openRules ingress rules that admit every source
 * @param metadataReachable pods whose egress allows {@value #METADATA_ADDRESS} on TCP/80
 * @param withoutEffect the policies of {@code selectingNoPod}, in the same order, each with why it
 *     has no effect
 */
public record Coverage(
    List<PodGroup> noIngressPolicy,
    List<PodGroup> noEgressPolicy,
    List<NamespaceDefaults> namespaces,
    List<Policy> selectingNoPod,
    List<OpenRule> openRules,
    List<PodGroup> metadataReachable,
    List<NoEffect> withoutEffect) {

  /** The link-local address of the instance metadata service of AWS, GCP, Azure and others. */
  public static final String METADATA_ADDRESS = "169.254.169.254";

  /**
   * A namespace's default policies. A default deny is a policy selecting every pod of the namespace
   * ({@code podSelector: {}}), applying to the direction, with no rule for it.
   *
   * @param anyPolicy the namespace has at least one NetworkPolicy
   */
  public record NamespaceDefaults(
      String namespace, boolean anyPolicy, boolean denyIngress, boolean denyEgress) {}

  /**
   * A policy that isolates no pod, and why: its podSelector matches no pod of its namespace, or it
   * matches only pods on the host network, which NetworkPolicies do not apply to.
   *
   * @param hostNetworkPods the pods on the host network that the podSelector matches; when not
   *     empty, they are the only pods it matches
   */
  public record NoEffect(Policy policy, List<PodGroup> hostNetworkPods) {
    public NoEffect {
      hostNetworkPods = List.copyOf(hostNetworkPods);
    }

    /** The podSelector matches pods, but only pods on the host network. */
    public boolean onlyHostNetwork() {
      return !hostNetworkPods.isEmpty();
    }

    /** Why the policy has no effect, in words for a report. */
    public String reason() {
      if (onlyHostNetwork()) {
        return "selects only pods on the host network ("
            + String.join(", ", hostNetworkPods.stream().map(PodGroup::id).toList())
            + "), which NetworkPolicies do not apply to";
      }
      return "podSelector "
          + policy.podSelector()
          + " matches no pod of namespace "
          + policy.namespace();
    }
  }

  /** An ingress rule that admits every source, and the field that makes it so. */
  public record OpenRule(Policy policy, Rule rule, JsonPointer pointer, String reason) {}

  public Coverage {
    noIngressPolicy = List.copyOf(noIngressPolicy);
    noEgressPolicy = List.copyOf(noEgressPolicy);
    namespaces = List.copyOf(namespaces);
    selectingNoPod = List.copyOf(selectingNoPod);
    openRules = List.copyOf(openRules);
    metadataReachable = List.copyOf(metadataReachable);
    withoutEffect = List.copyOf(withoutEffect);
  }

  /** Coverage without reasons: every policy of {@code selectingNoPod} simply selects no pod. */
  public Coverage(
      List<PodGroup> noIngressPolicy,
      List<PodGroup> noEgressPolicy,
      List<NamespaceDefaults> namespaces,
      List<Policy> selectingNoPod,
      List<OpenRule> openRules,
      List<PodGroup> metadataReachable) {
    this(
        noIngressPolicy,
        noEgressPolicy,
        namespaces,
        selectingNoPod,
        openRules,
        metadataReachable,
        selectingNoPod.stream().map(p -> new NoEffect(p, List.of())).toList());
  }

  public static Coverage of(Reachability reach) {
    PolicyModel model = reach.model();
    List<PodGroup> noIngress = new ArrayList<>();
    List<PodGroup> noEgress = new ArrayList<>();
    List<PodGroup> metadata = new ArrayList<>();
    Endpoint imds = new Endpoint.External(IpAddress.parse(METADATA_ADDRESS).orElseThrow());
    for (PodGroup pod : model.pods()) {
      if (model.policiesSelecting(pod, Direction.INGRESS).isEmpty()) {
        noIngress.add(pod);
      }
      if (model.policiesSelecting(pod, Direction.EGRESS).isEmpty()) {
        noEgress.add(pod);
      }
      if (reach.check(pod, imds, 80, Protocol.TCP).egress().allowed()) {
        metadata.add(pod);
      }
    }
    List<NamespaceDefaults> namespaces = new ArrayList<>();
    for (String ns : model.namespaces()) {
      if (model.podsIn(ns).isEmpty()) {
        continue;
      }
      List<Policy> policies = model.policiesIn(ns);
      namespaces.add(
          new NamespaceDefaults(
              ns,
              !policies.isEmpty(),
              policies.stream().anyMatch(p -> isDefaultDeny(p, Direction.INGRESS)),
              policies.stream().anyMatch(p -> isDefaultDeny(p, Direction.EGRESS))));
    }
    List<Policy> unused = new ArrayList<>();
    List<NoEffect> withoutEffect = new ArrayList<>();
    List<OpenRule> open = new ArrayList<>();
    for (Policy policy : model.policies()) {
      noEffect(model, policy)
          .ifPresent(
              n -> {
                unused.add(policy);
                withoutEffect.add(n);
              });
      open.addAll(openRules(policy));
    }
    return new Coverage(noIngress, noEgress, namespaces, unused, open, metadata, withoutEffect);
  }

  /** Why a policy isolates no pod of its namespace; empty when it isolates some. */
  public static Optional<NoEffect> noEffect(PolicyModel model, Policy policy) {
    List<PodGroup> hostNetwork = new ArrayList<>();
    for (PodGroup pod : model.podsIn(policy.namespace())) {
      if (policy.selects(pod)) {
        return Optional.empty();
      }
      if (pod.hostNetwork() && policy.podSelector().matches(pod.labels())) {
        hostNetwork.add(pod);
      }
    }
    return Optional.of(new NoEffect(policy, hostNetwork));
  }

  /** Whether the policy denies every pod of its namespace in that direction by default. */
  public static boolean isDefaultDeny(Policy policy, Direction direction) {
    return policy.podSelector().isEmpty()
        && policy.appliesTo(direction)
        && policy.rules(direction).isEmpty();
  }

  /** The ingress rules of a policy that admit every source, when it applies to ingress. */
  public static List<OpenRule> openRules(Policy policy) {
    List<OpenRule> out = new ArrayList<>();
    if (!policy.ingressType()) {
      return out;
    }
    for (Rule rule : policy.ingress()) {
      if (rule.peers().isEmpty()) {
        boolean present = policy.object().has(rule.pointer().append("from"));
        out.add(
            new OpenRule(
                policy,
                rule,
                present ? rule.pointer().append("from") : rule.pointer(),
                present
                    ? "from: [] admits every source"
                    : "a rule without from admits every source"));
        continue;
      }
      for (int i = 0; i < rule.peers().size(); i++) {
        Peer peer = rule.peers().get(i);
        if (peer instanceof Peer.IpBlock && ((Peer.IpBlock) peer).cidr().isEverything()) {
          Peer.IpBlock block = (Peer.IpBlock) peer;
          out.add(
              new OpenRule(
                  policy,
                  rule,
                  rule.pointer().append("from", Integer.toString(i), "ipBlock", "cidr"),
                  "ipBlock "
                      + block.cidr()
                      + (block.except().isEmpty() ? "" : " (except " + block.except() + ")")
                      + " admits every address"));
        }
      }
    }
    return out;
  }
}
