package dev.kordon.netpol;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.LabelSelector;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The pods, namespaces and NetworkPolicies of a snapshot, read once with the API's defaults
 * applied. Built once per snapshot through {@link #of(Snapshot)}.
 *
 * <ul>
 *   <li>Namespace labels come from Namespace objects, plus {@code kubernetes.io/metadata.name},
 *       which the API server sets on every namespace. A namespace with no Namespace object in the
 *       snapshot has only that label.
 *   <li>Pods: every Pod object that is not finished (phase Succeeded or Failed). When no Pod of the
 *       snapshot has {@code status.podIP} (manifests, not a live cluster), every controller
 *       workload not owned by another workload of the snapshot adds one template group, labelled
 *       from its template, in its namespace.
 *   <li>An object without a namespace is in {@code default}, where kubectl would apply it.
 * </ul>
 */
public final class PolicyModel {

  /** The label the API server puts on every namespace. */
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  private static final Set<String> CONTROLLERS =
      Set.of(
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "ReplicationController",
          "Job",
          "CronJob");

  private final Map<String, Map<String, String>> namespaceLabels;
  private final List<PodGroup> pods;
  private final Map<KubeObject, PodGroup> podsByObject;
  private final Map<IpAddress, PodGroup> podsByAddress;
  private final Map<String, List<PodGroup>> podsByNamespace = new HashMap<>();
  private final List<Policy> policies;
  private final Map<String, List<Policy>> policiesByNamespace;
  private final Map<KubeObject, Policy> policiesByObject = new IdentityHashMap<>();
  private final List<String> warnings;
  // key -> value -> pods, see podsLabelled; volatile: published whole once built
  private volatile Map<String, Map<String, List<PodGroup>>> podsByLabel;
  // by id, built on first use: only commands that resolve a user's words ask by id
  private volatile Map<String, PodGroup> podsById;

  private PolicyModel(
      Map<String, Map<String, String>> namespaceLabels,
      List<PodGroup> pods,
      List<Policy> policies,
      List<String> warnings) {
    this.namespaceLabels = Collections.unmodifiableMap(namespaceLabels);
    this.pods = List.copyOf(pods);
    this.policies = List.copyOf(policies);
    this.warnings = List.copyOf(warnings);
    Map<KubeObject, PodGroup> byObject = new IdentityHashMap<>();
    Map<IpAddress, PodGroup> byAddress = new HashMap<>();
    for (PodGroup p : this.pods) {
      podsByNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p);
      byObject.put(p.object(), p);
      if (p.ip().isPresent() && !p.hostNetwork()) {
        byAddress.putIfAbsent(p.ip().get(), p);
      }
    }
    this.podsByAddress = byAddress;
    this.podsByObject = byObject;
    Map<String, List<Policy>> byNs = new HashMap<>();
    for (Policy p : this.policies) {
      policiesByObject.put(p.object(), p);
      byNs.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p);
    }
    this.policiesByNamespace = byNs;
  }

  /** The model of a snapshot, built once and cached on it. */
  public static PolicyModel of(Snapshot snapshot) {
    return snapshot.derived(PolicyModel.class, PolicyModel::build);
  }

  /** Builds the model (prefer {@link #of}, which caches it). */
  public static PolicyModel build(Snapshot snapshot) {
    List<String> warnings = new ArrayList<>();
    Map<String, Map<String, String>> nsLabels = new TreeMap<>();
    for (KubeObject ns : snapshot.ofKind("Namespace")) {
      Map<String, String> labels = new LinkedHashMap<>(ns.labels());
      labels.put(NAME_LABEL, ns.name());
      // a Namespace defined several times: its first copy, as Snapshot#find answers (noted)
      nsLabels.putIfAbsent(ns.name(), Map.copyOf(labels));
    }
    List<PodGroup> pods = readPods(snapshot);
    List<Policy> policies = new ArrayList<>();
    for (KubeObject o : snapshot.ofKind("NetworkPolicy")) {
      if (isKubernetesPolicy(o)) {
        policies.add(readPolicy(o, snapshot.copyLocation(o), warnings));
      }
    }
    for (PodGroup p : pods) {
      nsLabels.computeIfAbsent(p.namespace(), n -> Map.of(NAME_LABEL, n));
    }
    for (Policy p : policies) {
      nsLabels.computeIfAbsent(p.namespace(), n -> Map.of(NAME_LABEL, n));
    }
    return new PolicyModel(nsLabels, pods, policies, warnings);
  }

  static boolean isKubernetesPolicy(KubeObject o) {
    String api = o.apiVersion();
    return o.kind().equals("NetworkPolicy")
        && (api.startsWith("networking.k8s.io/") || api.startsWith("extensions/"));
  }

  private static String namespaceOf(KubeObject o) {
    return o.namespace().isEmpty() ? "default" : o.namespace();
  }

  private static List<PodGroup> readPods(Snapshot snapshot) {
    boolean live = false;
    for (KubeObject pod : snapshot.ofKind("Pod")) {
      live |= !pod.raw().path("status").path("podIP").asString("").isEmpty();
    }
    List<PodSpecView> kept = new ArrayList<>();
    Map<String, Set<String>> kindsByName = new HashMap<>();
    // the kinds of the workloads named as each kept one, filled in as the loop goes on
    List<Set<String>> kindsNamedAlike = new ArrayList<>();
    for (PodSpecView view : snapshot.workloads()) {
      KubeObject o = view.object();
      boolean isPod = o.kind().equals("Pod");
      if (isPod) {
        String phase = o.raw().path("status").path("phase").asString("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
          continue;
        }
      } else if (live || !CONTROLLERS.contains(o.kind()) || ownedByWorkload(o, snapshot)) {
        continue;
      }
      Set<String> kinds =
          kindsByName.computeIfAbsent(namespaceOf(o) + "/" + o.name(), k -> new HashSet<>());
      kinds.add(o.kind());
      kept.add(view);
      kindsNamedAlike.add(kinds);
    }
    // A group is named ns/name. Where that is ambiguous the id says which one, in words a user can
    // read and type back: the kind when kinds share the name, the file and line when the inputs
    // define the same object more than once. Every copy stays a group of its own.
    List<PodGroup> out = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      PodSpecView view = kept.get(i);
      KubeObject o = view.object();
      boolean isPod = o.kind().equals("Pod");
      String ns = namespaceOf(o);
      Optional<IpAddress> ip =
          isPod
              ? IpAddress.parse(o.raw().path("status").path("podIP").asString(""))
              : Optional.empty();
      out.add(
          new PodGroup(
              ns,
              o.name(),
              view.podLabels(),
              containerPorts(view),
              ip,
              !isPod,
              view.spec().path("hostNetwork").asBoolean(false),
              o,
              kindsNamedAlike.get(i).size() > 1,
              snapshot.copyLocation(o)));
    }
    return out;
  }

  private static boolean ownedByWorkload(KubeObject o, Snapshot snapshot) {
    for (JsonNode ref : o.raw().path("metadata").path("ownerReferences")) {
      String kind = ref.path("kind").asString("");
      if (CONTROLLERS.contains(kind)
          && snapshot.find(kind, o.namespace(), ref.path("name").asString("")).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static List<ContainerPort> containerPorts(PodSpecView view) {
    List<ContainerPort> out = new ArrayList<>();
    for (ContainerView c : view.allContainers()) {
      for (JsonNode p : c.node().path("ports")) {
        JsonNode number = p.path("containerPort");
        Optional<Protocol> proto = Protocol.parse(p.path("protocol").asString("TCP"));
        if (number.isIntegralNumber() && proto.isPresent()) {
          out.add(new ContainerPort(p.path("name").asString(""), number.intValue(), proto.get()));
        }
      }
    }
    return out;
  }

  private static Policy readPolicy(KubeObject o, String copy, List<String> warnings) {
    JsonNode spec = o.raw().path("spec");
    String ns = namespaceOf(o);
    boolean ingressType = false;
    boolean egressType = false;
    JsonNode types = spec.path("policyTypes");
    if (types.isArray() && !types.isEmpty()) {
      for (JsonNode t : types) {
        ingressType |= t.asString("").equals("Ingress");
        egressType |= t.asString("").equals("Egress");
      }
    } else {
      ingressType = true;
      egressType = spec.path("egress").isArray() && !spec.path("egress").isEmpty();
    }
    return new Policy(
        ns,
        o.name(),
        LabelSelector.from(spec.path("podSelector")),
        ingressType,
        egressType,
        readRules(o, copy, Direction.INGRESS, ns, warnings),
        readRules(o, copy, Direction.EGRESS, ns, warnings),
        o,
        copy);
  }

  private static List<Rule> readRules(
      KubeObject o, String copy, Direction direction, String ns, List<String> warnings) {
    List<Rule> out = new ArrayList<>();
    JsonNode rules = o.raw().path("spec").path(direction.field());
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      JsonPointer pointer = JsonPointer.of("spec", direction.field(), Integer.toString(i));
      List<Peer> peers = new ArrayList<>();
      for (JsonNode peer : rule.path(direction.peersField())) {
        Peer p = readPeer(peer, ns);
        if (p instanceof Peer.Invalid) {
          warnings.add(
              "NetworkPolicy "
                  + ns
                  + "/"
                  + o.name()
                  + (copy.isEmpty() ? "" : " (" + copy + ")")
                  + " "
                  + pointer
                  + ": "
                  + p
                  + " matches nothing");
        }
        peers.add(p);
      }
      List<PolicyPort> ports = new ArrayList<>();
      for (JsonNode port : rule.path("ports")) {
        ports.add(readPort(port));
      }
      out.add(new Rule(direction, i, peers, ports, pointer));
    }
    return out;
  }

  private static Peer readPeer(JsonNode peer, String ns) {
    JsonNode block = peer.path("ipBlock");
    if (block.isObject()) {
      String text = block.path("cidr").asString("");
      Optional<Cidr> cidr = Cidr.parse(text);
      if (cidr.isEmpty()) {
        return new Peer.Invalid("malformed ipBlock cidr '" + text + "'");
      }
      List<Cidr> except = new ArrayList<>();
      for (JsonNode e : block.path("except")) {
        Optional<Cidr> c = Cidr.parse(e.asString(""));
        if (c.isEmpty()) {
          return new Peer.Invalid("malformed ipBlock except '" + e.asString("") + "'");
        }
        except.add(c.get());
      }
      return new Peer.IpBlock(cidr.get(), except);
    }
    JsonNode nsSel = peer.path("namespaceSelector");
    JsonNode podSel = peer.path("podSelector");
    if (!nsSel.isObject() && !podSel.isObject()) {
      return new Peer.Invalid("no podSelector, namespaceSelector or ipBlock");
    }
    return new Peer.Selector(
        ns,
        nsSel.isObject() ? Optional.of(LabelSelector.from(nsSel)) : Optional.empty(),
        podSel.isObject() ? Optional.of(LabelSelector.from(podSel)) : Optional.empty());
  }

  private static PolicyPort readPort(JsonNode port) {
    JsonNode proto = port.path("protocol");
    Optional<Protocol> protocol =
        proto.isMissingNode() || proto.isNull()
            ? Optional.of(Protocol.TCP)
            : Protocol.parse(proto.asString(""));
    JsonNode p = port.path("port");
    Optional<Integer> number = p.isIntegralNumber() ? Optional.of(p.intValue()) : Optional.empty();
    Optional<String> name = p.isString() ? Optional.of(p.stringValue()) : Optional.empty();
    JsonNode end = port.path("endPort");
    Optional<Integer> endPort =
        end.isIntegralNumber() ? Optional.of(end.intValue()) : Optional.empty();
    return new PolicyPort(protocol, number, name, endPort);
  }

  public List<PodGroup> pods() {
    return pods;
  }

  /**
   * The pods carrying the label {@code key=value}, in the order of {@link #pods}: the candidates of
   * a selector that requires it. Indexed on first use (a selector matched against every pod of a
   * scan, per policy and peer, grew with policies × pods).
   */
  public List<PodGroup> podsLabelled(String key, String value) {
    Map<String, Map<String, List<PodGroup>>> index = podsByLabel;
    if (index == null) {
      index = indexByLabel(pods);
      podsByLabel = index; // built the same by any thread that races here
    }
    return index.getOrDefault(key, Map.of()).getOrDefault(value, List.of());
  }

  private static Map<String, Map<String, List<PodGroup>>> indexByLabel(List<PodGroup> pods) {
    Map<String, Map<String, List<PodGroup>>> index = new HashMap<>();
    for (PodGroup pod : pods) {
      for (Map.Entry<String, String> label : pod.labels().entrySet()) {
        index
            .computeIfAbsent(label.getKey(), k -> new HashMap<>())
            .computeIfAbsent(label.getValue(), v -> new ArrayList<>())
            .add(pod);
      }
    }
    return index;
  }

  public List<Policy> policies() {
    return policies;
  }

  /** Problems met while reading policies (malformed peers); each names the policy. */
  public List<String> warnings() {
    return warnings;
  }

  /** Every namespace with pods, policies or a Namespace object, sorted. */
  public Set<String> namespaces() {
    return namespaceLabels.keySet();
  }

  /** The labels of a namespace, with the automatic name label. */
  public Map<String, String> namespaceLabels(String namespace) {
    Map<String, String> labels = namespaceLabels.get(namespace);
    return labels != null ? labels : Map.of(NAME_LABEL, namespace);
  }

  public List<Policy> policiesIn(String namespace) {
    return policiesByNamespace.getOrDefault(namespace, List.of());
  }

  /** The policies that select the pod for one direction, in input order. */
  public List<Policy> policiesSelecting(PodGroup pod, Direction direction) {
    List<Policy> out = new ArrayList<>();
    for (Policy p : policiesIn(pod.namespace())) {
      if (p.appliesTo(direction) && p.selects(pod)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The policy read from a NetworkPolicy object, if it is a Kubernetes one. */
  public Optional<Policy> policyOf(KubeObject object) {
    return Optional.ofNullable(policiesByObject.get(object));
  }

  /** The pods of one namespace. */
  public List<PodGroup> podsIn(String namespace) {
    return Collections.unmodifiableList(podsByNamespace.getOrDefault(namespace, List.of()));
  }

  public Optional<PodGroup> pod(String id) {
    return Optional.ofNullable(podsById().get(id));
  }

  private Map<String, PodGroup> podsById() {
    Map<String, PodGroup> byId = podsById;
    if (byId == null) {
      byId = new HashMap<>();
      for (PodGroup p : pods) {
        byId.put(p.id(), p);
      }
      podsById = byId; // built the same by any thread that races here
    }
    return byId;
  }

  /** The pod group read from a Pod or workload object, if the model has one. */
  public Optional<PodGroup> podOf(KubeObject object) {
    return Optional.ofNullable(podsByObject.get(object));
  }

  /** The endpoint a user names; the first of {@link #resolveAll} when the name is ambiguous. */
  public Optional<Endpoint> resolve(String text) {
    return resolveAll(text).stream().findFirst();
  }

  /**
   * Every endpoint a user's words name: {@code ip:ADDRESS} or a bare address (the pod with that IP,
   * else an external address); a group's id exactly as Kordon prints it ({@code shop/api
   * (deploy/b.yaml:10)}); {@code ns/name}, which names every group of that name (each kind, each
   * copy of an object the inputs define several times); {@code ns/name~kind}, the older spelling of
   * one kind. A pod name that is not in the model but starts with a template group's name and a
   * dash ({@code web-5d8f-x2k}) resolves to that group (to each of its copies). In input order.
   */
  public List<Endpoint> resolveAll(String text) {
    String s = text.trim();
    if (s.startsWith("ip:")) {
      return IpAddress.parse(s.substring(3)).map(this::byAddress).stream().toList();
    }
    Optional<IpAddress> ip = IpAddress.parse(s);
    if (ip.isPresent()) {
      return List.of(byAddress(ip.get()));
    }
    PodGroup exact = podsById().get(s);
    if (exact != null) {
      return List.of(exact);
    }
    String kind = "";
    int tilde = s.lastIndexOf('~');
    if (tilde > 0) {
      kind = s.substring(tilde + 1);
      s = s.substring(0, tilde);
    }
    List<Endpoint> named = new ArrayList<>();
    for (PodGroup p : pods) {
      if ((p.namespace() + "/" + p.name()).equals(s)
          && (kind.isEmpty() || p.object().kind().equalsIgnoreCase(kind))) {
        named.add(p);
      }
    }
    if (!named.isEmpty() || !kind.isEmpty()) {
      return named;
    }
    String best = null;
    for (PodGroup p : pods) {
      String base = p.namespace() + "/" + p.name();
      if (p.template()
          && s.startsWith(base + "-")
          && (best == null || base.length() > best.length())) {
        best = base;
      }
    }
    List<Endpoint> out = new ArrayList<>();
    for (PodGroup p : pods) {
      if (p.template() && (p.namespace() + "/" + p.name()).equals(best)) {
        out.add(p);
      }
    }
    return out;
  }

  private Endpoint byAddress(IpAddress ip) {
    PodGroup pod = podsByAddress.get(ip);
    return pod != null ? pod : new Endpoint.External(ip);
  }
}
