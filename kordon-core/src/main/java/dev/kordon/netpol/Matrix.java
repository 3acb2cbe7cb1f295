package dev.kordon.netpol;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The reachability of every ordered pair of pods for a list of ports. Pods that no policy can tell
 * apart (same namespace, labels, container ports, hostNetwork, and the same answer from every
 * {@code ipBlock}) form one class; the matrix is computed between classes as bit sets, so that its
 * cost grows with the number of distinct pods, not with replicas.
 *
 * <p>A live pod's cell with itself is always allowed (loopback). A template group's cell with
 * itself stands for traffic between two replicas of the workload and follows the policies.
 */
public final class Matrix {

  private final List<PodGroup> pods;
  private final List<PortProtocol> ports;
  private final int[] classOf;
  private final long[] classSize;
  private final long[] liveSize;
  // allowed[portIndex][sourceClass] = destination classes the source may reach
  private final BitSet[][] allowed;

  private Matrix(
      List<PodGroup> pods,
      List<PortProtocol> ports,
      int[] classOf,
      long[] classSize,
      long[] liveSize,
      BitSet[][] allowed) {
    this.pods = pods;
    this.ports = List.copyOf(ports);
    this.classOf = classOf;
    this.classSize = classSize;
    this.liveSize = liveSize;
    this.allowed = allowed;
  }

  static Matrix compute(PolicyModel model, List<PortProtocol> ports) {
    return new Builder(model).build(ports);
  }

  public List<PodGroup> pods() {
    return pods;
  }

  public List<PortProtocol> ports() {
    return ports;
  }

  /** How many classes of identical pods the matrix was computed over. */
  public int classCount() {
    return classSize.length;
  }

  /** Whether pod {@code from} may open a connection to pod {@code to} (indices into pods()). */
  public boolean allowed(int from, int to, int portIndex) {
    if (from == to && !pods.get(from).template()) {
      return true;
    }
    return allowed[portIndex][classOf[from]].get(classOf[to]);
  }

  /** Ordered pairs per port, a pod with itself included. */
  public long pairCount() {
    return (long) pods.size() * pods.size();
  }

  /** How many of the ordered pairs are allowed on one port. */
  public long allowedCount(int portIndex) {
    long total = 0;
    BitSet[] rows = allowed[portIndex];
    for (int s = 0; s < rows.length; s++) {
      long reached = 0;
      for (int d = rows[s].nextSetBit(0); d >= 0; d = rows[s].nextSetBit(d + 1)) {
        reached += classSize[d];
      }
      total += classSize[s] * reached;
      if (!rows[s].get(s)) {
        total += liveSize[s]; // loopback of live pods is allowed although the class pair is not
      }
    }
    return total;
  }

  /** Builds the classes and the bit sets. */
  private static final class Builder {
    private final PolicyModel model;
    private final Function<String, Map<String, String>> nsLabels;
    private final List<PodGroup> pods;
    private final int[] classOf;
    private final List<PodGroup> reps = new ArrayList<>();
    private final Map<String, List<Integer>> classesByNamespace = new HashMap<>();
    private final Map<Rule, BitSet> peerMasks = new IdentityHashMap<>();
    private final Map<Peer.IpBlock, Integer> blockIndex = new LinkedHashMap<>();
    private final List<BitSet> signatures = new ArrayList<>();
    // classes each distinct ipBlock matches, by block index
    private final List<BitSet> blockClasses = new ArrayList<>();
    // classes a selector peer matches; policies repeat the same peers across namespaces
    private final Map<Object, BitSet> selectorMasks = new ConcurrentHashMap<>();
    private int n;

    Builder(PolicyModel model) {
      this.model = model;
      this.nsLabels = model::namespaceLabels;
      this.pods = model.pods();
      this.classOf = new int[pods.size()];
    }

    private record ClassKey(
        String namespace,
        Map<String, String> labels,
        List<ContainerPort> ports,
        boolean hostNetwork,
        BitSet ipBlocks) {}

    Matrix build(List<PortProtocol> ports) {
      // distinct ipBlocks (policies repeat the same few), each with its bit in the class key
      for (Policy p : model.policies()) {
        for (Direction d : Direction.values()) {
          for (Rule r : p.rules(d)) {
            for (Peer peer : r.peers()) {
              if (peer instanceof Peer.IpBlock) {
                blockIndex.putIfAbsent((Peer.IpBlock) peer, blockIndex.size());
              }
            }
          }
        }
      }
      List<Peer.IpBlock> blocks = new ArrayList<>(blockIndex.keySet());
      Map<ClassKey, Integer> classes = new HashMap<>();
      List<long[]> sizes = new ArrayList<>();
      for (int i = 0; i < pods.size(); i++) {
        PodGroup pod = pods.get(i);
        BitSet sig = new BitSet();
        for (int b = 0; b < blocks.size(); b++) {
          if (blocks.get(b).matches(pod, nsLabels)) {
            sig.set(b);
          }
        }
        ClassKey key =
            new ClassKey(pod.namespace(), pod.labels(), pod.ports(), pod.hostNetwork(), sig);
        Integer c = classes.get(key);
        if (c == null) {
          c = reps.size();
          classes.put(key, c);
          reps.add(pod);
          signatures.add(sig);
          sizes.add(new long[2]);
          classesByNamespace.computeIfAbsent(pod.namespace(), k -> new ArrayList<>()).add(c);
        }
        classOf[i] = c;
        sizes.get(c)[0]++;
        if (!pod.template()) {
          sizes.get(c)[1]++;
        }
      }
      n = reps.size();
      for (int b = 0; b < blocks.size(); b++) {
        BitSet matched = new BitSet(n);
        for (int c = 0; c < n; c++) {
          if (signatures.get(c).get(b)) {
            matched.set(c);
          }
        }
        blockClasses.add(matched);
      }
      long[] classSize = new long[n];
      long[] liveSize = new long[n];
      for (int c = 0; c < n; c++) {
        classSize[c] = sizes.get(c)[0];
        liveSize[c] = sizes.get(c)[1];
      }
      List<List<Rule>> ingressRules = rulesByClass(Direction.INGRESS);
      List<List<Rule>> egressRules = rulesByClass(Direction.EGRESS);
      computePeerMasks();
      BitSet[][] allowed = new BitSet[ports.size()][];
      for (int k = 0; k < ports.size(); k++) {
        allowed[k] = forPort(ports.get(k), ingressRules, egressRules);
      }
      return new Matrix(pods, ports, classOf, classSize, liveSize, allowed);
    }

    /** For each class, the rules of the policies that isolate it; null when none does. */
    private List<List<Rule>> rulesByClass(Direction direction) {
      List<List<Rule>> out = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        out.add(null);
      }
      for (Policy p : model.policies()) {
        if (!p.appliesTo(direction)) {
          continue;
        }
        for (int c : classesByNamespace.getOrDefault(p.namespace(), List.of())) {
          if (p.selects(reps.get(c))) {
            if (out.get(c) == null) {
              out.set(c, new ArrayList<>());
            }
            out.get(c).addAll(p.rules(direction));
          }
        }
      }
      return out;
    }

    private void computePeerMasks() {
      List<Rule> rules = new ArrayList<>();
      for (Policy p : model.policies()) {
        rules.addAll(p.ingress());
        rules.addAll(p.egress());
      }
      BitSet[] masks = new BitSet[rules.size()];
      IntStream.range(0, rules.size()).parallel().forEach(i -> masks[i] = peerMask(rules.get(i)));
      for (int i = 0; i < masks.length; i++) {
        peerMasks.put(rules.get(i), masks[i]);
      }
    }

    /** The classes a rule's peers match. */
    private BitSet peerMask(Rule rule) {
      BitSet mask = new BitSet(n);
      if (rule.peers().isEmpty()) {
        mask.set(0, n);
        return mask;
      }
      for (Peer peer : rule.peers()) {
        if (peer instanceof Peer.IpBlock) {
          // the class key already holds each class's answer for every distinct block
          mask.or(blockClasses.get(blockIndex.get(peer)));
        } else if (peer instanceof Peer.Selector) {
          Peer.Selector s = (Peer.Selector) peer;
          // the policy's namespace matters only when the peer has no namespaceSelector
          Object key =
              List.of(
                  s.namespaces(), s.pods(), s.namespaces().isPresent() ? "" : s.policyNamespace());
          mask.or(selectorMasks.computeIfAbsent(key, k -> selectorMask(s)));
        }
      }
      return mask;
    }

    /** The classes a selector peer matches; it only looks in the namespaces it can match. */
    private BitSet selectorMask(Peer.Selector s) {
      BitSet mask = new BitSet(n);
      List<Integer> candidates = new ArrayList<>();
      if (s.namespaces().isEmpty()) {
        candidates.addAll(classesByNamespace.getOrDefault(s.policyNamespace(), List.of()));
      } else {
        for (Map.Entry<String, List<Integer>> e : classesByNamespace.entrySet()) {
          if (s.namespaces().get().matches(nsLabels.apply(e.getKey()))) {
            candidates.addAll(e.getValue());
          }
        }
      }
      for (int c : candidates) {
        if (s.matches(reps.get(c), nsLabels)) {
          mask.set(c);
        }
      }
      return mask;
    }

    private BitSet[] forPort(
        PortProtocol pp, List<List<Rule>> ingressRules, List<List<Rule>> egressRules) {
      BitSet all = new BitSet(n);
      all.set(0, n);
      // ingress[d] = source classes d's ingress side admits
      BitSet[] ingress = new BitSet[n];
      IntStream.range(0, n)
          .parallel()
          .forEach(
              d -> {
                List<Rule> rules = ingressRules.get(d);
                if (rules == null) {
                  ingress[d] = all;
                  return;
                }
                BitSet acc = new BitSet(n);
                for (Rule r : rules) {
                  if (r.matchesPort(pp.port(), pp.protocol(), reps.get(d))) {
                    acc.or(peerMasks.get(r));
                  }
                }
                ingress[d] = acc;
              });
      Map<Rule, BitSet> namedMasks = Collections.synchronizedMap(new IdentityHashMap<>());
      BitSet[] out = new BitSet[n];
      IntStream.range(0, n)
          .parallel()
          .forEach(
              s -> {
                List<Rule> rules = egressRules.get(s);
                BitSet reach;
                if (rules == null) {
                  reach = (BitSet) all.clone();
                } else {
                  reach = new BitSet(n);
                  for (Rule r : rules) {
                    if (r.hasNamedPort()) {
                      BitSet m = (BitSet) peerMasks.get(r).clone();
                      m.and(namedMasks.computeIfAbsent(r, x -> destinationsByPort(x, pp)));
                      reach.or(m);
                    } else if (r.matchesPort(pp.port(), pp.protocol(), null)) {
                      reach.or(peerMasks.get(r));
                    }
                  }
                }
                for (int d = reach.nextSetBit(0); d >= 0; d = reach.nextSetBit(d + 1)) {
                  if (!ingress[d].get(s)) {
                    reach.clear(d);
                  }
                }
                out[s] = reach;
              });
      return out;
    }

    /** The destination classes on which a rule's ports (some named) match the port. */
    private BitSet destinationsByPort(Rule rule, PortProtocol pp) {
      BitSet mask = new BitSet(n);
      for (int d = 0; d < n; d++) {
        if (rule.matchesPort(pp.port(), pp.protocol(), reps.get(d))) {
          mask.set(d);
        }
      }
      return mask;
    }
  }
}
