package dev.kordon.rbac;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.Duplicate;
import dev.kordon.snapshot.LabelSelector;
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
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The RBAC objects of a snapshot, resolved once (roles by name, aggregated ClusterRoles unioned,
 * bindings by namespace) and evaluated exactly as the Kubernetes RBAC authorizer does: rules only
 * allow; a request in namespace N is decided by every ClusterRoleBinding and the RoleBindings of N;
 * a request without namespace by ClusterRoleBindings alone.
 */
public final class RbacGraph {

  /** Built-in resources that are not namespaced, as {@code group/resource}. */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "/namespaces",
          "/nodes",
          "/persistentvolumes",
          "/componentstatuses",
          "/users",
          "/groups",
          "authentication.k8s.io/userextras",
          "authentication.k8s.io/uids",
          "authentication.k8s.io/tokenreviews",
          "authentication.k8s.io/selfsubjectreviews",
          "authorization.k8s.io/subjectaccessreviews",
          "authorization.k8s.io/selfsubjectaccessreviews",
          "authorization.k8s.io/selfsubjectrulesreviews",
          "rbac.authorization.k8s.io/clusterroles",
          "rbac.authorization.k8s.io/clusterrolebindings",
          "storage.k8s.io/storageclasses",
          "storage.k8s.io/csidrivers",
          "storage.k8s.io/csinodes",
          "storage.k8s.io/volumeattachments",
          "storage.k8s.io/volumeattributesclasses",
          "apiextensions.k8s.io/customresourcedefinitions",
          "apiregistration.k8s.io/apiservices",
          "admissionregistration.k8s.io/mutatingwebhookconfigurations",
          "admissionregistration.k8s.io/validatingwebhookconfigurations",
          "admissionregistration.k8s.io/validatingadmissionpolicies",
          "admissionregistration.k8s.io/validatingadmissionpolicybindings",
          "admissionregistration.k8s.io/mutatingadmissionpolicies",
          "admissionregistration.k8s.io/mutatingadmissionpolicybindings",
          "certificates.k8s.io/certificatesigningrequests",
          "certificates.k8s.io/clustertrustbundles",
          "certificates.k8s.io/signers",
          "scheduling.k8s.io/priorityclasses",
          "node.k8s.io/runtimeclasses",
          "networking.k8s.io/ingressclasses",
          "networking.k8s.io/ipaddresses",
          "networking.k8s.io/servicecidrs",
          "flowcontrol.apiserver.k8s.io/flowschemas",
          "flowcontrol.apiserver.k8s.io/prioritylevelconfigurations",
          "resource.k8s.io/deviceclasses",
          "policy/podsecuritypolicies");

  /**
   * API groups of well-known resources, so that {@code who-can create deployments} needs no group.
   */
  private static final Map<String, String> KNOWN_GROUPS =
      Map.ofEntries(
          Map.entry("deployments", "apps"),
          Map.entry("daemonsets", "apps"),
          Map.entry("statefulsets", "apps"),
          Map.entry("replicasets", "apps"),
          Map.entry("controllerrevisions", "apps"),
          Map.entry("jobs", "batch"),
          Map.entry("cronjobs", "batch"),
          Map.entry("roles", "rbac.authorization.k8s.io"),
          Map.entry("rolebindings", "rbac.authorization.k8s.io"),
          Map.entry("clusterroles", "rbac.authorization.k8s.io"),
          Map.entry("clusterrolebindings", "rbac.authorization.k8s.io"),
          Map.entry("ingresses", "networking.k8s.io"),
          Map.entry("networkpolicies", "networking.k8s.io"),
          Map.entry("ingressclasses", "networking.k8s.io"),
          Map.entry("certificatesigningrequests", "certificates.k8s.io"),
          Map.entry("signers", "certificates.k8s.io"),
          Map.entry("mutatingwebhookconfigurations", "admissionregistration.k8s.io"),
          Map.entry("validatingwebhookconfigurations", "admissionregistration.k8s.io"),
          Map.entry("validatingadmissionpolicies", "admissionregistration.k8s.io"),
          Map.entry("validatingadmissionpolicybindings", "admissionregistration.k8s.io"),
          Map.entry("customresourcedefinitions", "apiextensions.k8s.io"),
          Map.entry("storageclasses", "storage.k8s.io"),
          Map.entry("csidrivers", "storage.k8s.io"),
          Map.entry("volumeattachments", "storage.k8s.io"),
          Map.entry("poddisruptionbudgets", "policy"),
          Map.entry("priorityclasses", "scheduling.k8s.io"),
          Map.entry("runtimeclasses", "node.k8s.io"),
          Map.entry("horizontalpodautoscalers", "autoscaling"),
          Map.entry("leases", "coordination.k8s.io"),
          Map.entry("endpointslices", "discovery.k8s.io"),
          Map.entry("tokenreviews", "authentication.k8s.io"),
          Map.entry("userextras", "authentication.k8s.io"),
          Map.entry("uids", "authentication.k8s.io"),
          Map.entry("subjectaccessreviews", "authorization.k8s.io"),
          Map.entry("selfsubjectaccessreviews", "authorization.k8s.io"),
          Map.entry("apiservices", "apiregistration.k8s.io"));

  private final Map<String, String> crdGroups;
  private final Map<String, Role> clusterRoles;
  private final Map<String, Role> roles;
  private final List<Binding> clusterBindings;
  private final Map<String, List<Binding>> roleBindings;
  private final List<Binding> dangling;
  private final Map<KubeObject, Binding> byObject;
  private final Set<String> clusterScoped;
  // the first rule of a role that allows a request, per (role, request): many bindings name one
  // role, a role defined in several copies carries the rules of every copy, and the risk and
  // escalation passes ask the same requests for every namespace and identity; bounded, past the
  // bound a pair is answered without being kept
  private final ConcurrentHashMap<RoleRequest, Optional<Rule>> firstAllowing =
      new ConcurrentHashMap<>();

  private static final int MAX_REMEMBERED = 1 << 18;
  // per request without its namespace, what the cluster-wide bindings allow (see clusterWide)
  private final ConcurrentHashMap<Request, List<Access>> clusterAccess = new ConcurrentHashMap<>();

  /** A role by identity (roles are the graph's own instances) and a request by value. */
  private record RoleRequest(Role role, Request request) {
    @Override
    public boolean equals(Object o) {
      return o instanceof RoleRequest other && other.role == role && other.request.equals(request);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(role) * 31 + request.hashCode();
    }
  }

  private RbacGraph(Snapshot snapshot) {
    this.clusterRoles =
        Collections.unmodifiableMap(
            aggregate(withDefaults(snapshot.ofKind("ClusterRole")), snapshot));
    Map<String, Role> rs = new HashMap<>();
    for (KubeObject o : snapshot.ofKind("Role")) {
      Role role = new Role(o, Rule.read(o), false, List.of());
      // every copy of a Role defined several times adds its rules to the first (see Role)
      rs.merge(
          role.namespace() + "/" + o.name(),
          role,
          (first, copy) ->
              new Role(first.object(), concat(first.rules(), copy.rules()), false, List.of()));
    }
    rs.replaceAll((k, r) -> new Role(r.object(), r.rules(), false, copies(snapshot, r.object())));
    this.roles = Collections.unmodifiableMap(rs);
    List<Binding> crbs = new ArrayList<>();
    Map<String, List<Binding>> rbs = new TreeMap<>();
    List<Binding> missing = new ArrayList<>();
    Map<KubeObject, Binding> objects = new IdentityHashMap<>();
    for (KubeObject o : snapshot.ofKind("ClusterRoleBinding")) {
      Binding.read(o, snapshot.copyLocation(o))
          .ifPresent(
              b -> {
                objects.put(o, b);
                (role(b).isPresent() ? crbs : missing).add(b);
              });
    }
    for (KubeObject o : snapshot.ofKind("RoleBinding")) {
      Binding.read(o, snapshot.copyLocation(o))
          .ifPresent(
              b -> {
                objects.put(o, b);
                if (role(b).isPresent()) {
                  rbs.computeIfAbsent(b.namespace(), k -> new ArrayList<>()).add(b);
                } else {
                  missing.add(b);
                }
              });
    }
    rbs.replaceAll((k, v) -> List.copyOf(v));
    this.clusterBindings = List.copyOf(crbs);
    this.roleBindings = Collections.unmodifiableMap(rbs);
    this.dangling = List.copyOf(missing);
    this.byObject = Collections.unmodifiableMap(objects);
    Set<String> scoped = new HashSet<>(CLUSTER_SCOPED);
    Map<String, String> groups = new HashMap<>();
    for (KubeObject crd : snapshot.ofKind("CustomResourceDefinition")) {
      JsonNode spec = crd.raw().path("spec");
      groups.putIfAbsent(
          spec.path("names").path("plural").asString(""), spec.path("group").asString(""));
      if (spec.path("scope").asString("").equals("Cluster")) {
        scoped.add(
            spec.path("group").asString("") + "/" + spec.path("names").path("plural").asString(""));
      }
    }
    this.clusterScoped = Set.copyOf(scoped);
    this.crdGroups = Map.copyOf(groups);
  }

  /**
   * The API group a resource name most likely means when none is given: the group of a well-known
   * built-in resource or of a CRD in the snapshot, else the core group.
   */
  public String defaultGroup(String resource) {
    String known = KNOWN_GROUPS.get(resource);
    if (known != null) {
      return known;
    }
    return crdGroups.getOrDefault(resource, "");
  }

  /** The graph of a snapshot, built once and shared by every control and command that asks. */
  public static RbacGraph of(Snapshot snapshot) {
    return snapshot.derived(RbacGraph.class, RbacGraph::new);
  }

  /**
   * The scanned ClusterRoles plus each bootstrap default (cluster-admin, admin, edit, view and
   * their aggregated parts) that the inputs lack: a manifest binds to "edit" without ever
   * containing it, and the binding should grant what it grants in every cluster.
   */
  private static List<KubeObject> withDefaults(List<KubeObject> scanned) {
    Set<String> present = new HashSet<>();
    scanned.forEach(o -> present.add(o.name()));
    List<KubeObject> all = new ArrayList<>(scanned);
    for (KubeObject d : BootstrapRoles.ALL) {
      if (!present.contains(d.name())) {
        all.add(d);
      }
    }
    return all;
  }

  /**
   * ClusterRoles by name, with aggregated ones resolved as the clusterrole-aggregation controller
   * would: the rules of every other ClusterRole whose labels match one of the selectors, repeated
   * to a fixed point since aggregated roles may be aggregated in turn.
   */
  private static Map<String, Role> aggregate(List<KubeObject> objects, Snapshot snapshot) {
    Map<String, KubeObject> byName = new LinkedHashMap<>();
    for (KubeObject o : objects) {
      byName.putIfAbsent(o.name(), o);
    }
    Map<String, List<Rule>> rules = new LinkedHashMap<>();
    Map<String, List<LabelSelector>> selectors = new LinkedHashMap<>();
    // every copy of a ClusterRole defined several times adds its rules and selectors (see Role)
    for (KubeObject o : objects) {
      rules.merge(o.name(), Rule.read(o), RbacGraph::concat);
      JsonNode agg = o.raw().path("aggregationRule");
      if (agg.isObject()) {
        List<LabelSelector> sel = new ArrayList<>();
        for (JsonNode s : agg.path("clusterRoleSelectors")) {
          // an empty selector in an aggregation rule selects nothing useful: the API rejects it
          if (s.isObject() && !LabelSelector.from(s).isEmpty()) {
            sel.add(LabelSelector.from(s));
          }
        }
        selectors.merge(o.name(), sel, RbacGraph::concat);
      }
    }
    for (int round = 0; round <= selectors.size(); round++) {
      boolean changed = false;
      for (Map.Entry<String, List<LabelSelector>> e : selectors.entrySet()) {
        List<Rule> union = new ArrayList<>();
        Set<List<List<String>>> seen = new HashSet<>();
        for (KubeObject other : byName.values()) {
          if (other.name().equals(e.getKey()) || !anyMatches(e.getValue(), other)) {
            continue;
          }
          for (Rule r : rules.get(other.name())) {
            if (seen.add(r.content())) {
              union.add(r);
            }
          }
        }
        if (!contents(union).equals(contents(rules.get(e.getKey())))) {
          rules.put(e.getKey(), union);
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    Map<String, Role> out = new HashMap<>();
    for (KubeObject o : byName.values()) {
      out.put(
          o.name(),
          new Role(o, rules.get(o.name()), selectors.containsKey(o.name()), copies(snapshot, o)));
    }
    return out;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Where each copy of a role defined several times was defined; empty when defined once. */
  private static List<String> copies(Snapshot snapshot, KubeObject role) {
    return snapshot.duplicateOf(role).map(Duplicate::locations).orElse(List.of());
  }

  private static boolean anyMatches(List<LabelSelector> selectors, KubeObject role) {
    for (LabelSelector s : selectors) {
      if (s.matches(role.labels())) {
        return true;
      }
    }
    return false;
  }

  private static Set<List<List<String>>> contents(List<Rule> rules) {
    Set<List<List<String>>> out = new HashSet<>();
    for (Rule r : rules) {
      out.add(r.content());
    }
    return out;
  }

  /** The role a binding references; empty when it does not exist (the binding grants nothing). */
  public Optional<Role> role(Binding b) {
    if (b.roleKind().equals("ClusterRole")) {
      return Optional.ofNullable(clusterRoles.get(b.roleName()));
    }
    return Optional.ofNullable(roles.get(b.namespace() + "/" + b.roleName()));
  }

  public Optional<Role> clusterRole(String name) {
    return Optional.ofNullable(clusterRoles.get(name));
  }

  /**
   * The binding a scanned RoleBinding or ClusterRoleBinding object reads as, whether its role
   * exists or not; empty when the object is no binding RBAC would use (no valid roleRef).
   */
  public Optional<Binding> binding(KubeObject object) {
    Binding found = byObject.get(object);
    if (found != null) {
      return Optional.of(found);
    }
    // an equal object read again elsewhere: the same binding
    return byObject.values().stream().filter(b -> b.object().equals(object)).findFirst();
  }

  /** ClusterRoleBindings whose role exists. */
  public List<Binding> clusterBindings() {
    return clusterBindings;
  }

  /** RoleBindings of one namespace whose role exists. */
  public List<Binding> roleBindings(String namespace) {
    return roleBindings.getOrDefault(namespace, List.of());
  }

  /** Namespaces holding RoleBindings, sorted. */
  public Set<String> bindingNamespaces() {
    return roleBindings.keySet();
  }

  /** Bindings whose role is absent: they grant nothing now, and whoever creates it gets them. */
  public List<Binding> danglingBindings() {
    return dangling;
  }

  /** Every binding that grants something, ClusterRoleBindings first. */
  public List<Binding> bindings() {
    List<Binding> all = new ArrayList<>(clusterBindings);
    roleBindings.values().forEach(all::addAll);
    return all;
  }

  /** Every subject named by a binding that grants something, sorted. */
  public Set<Subject> subjects() {
    Set<Subject> out = new TreeSet<>();
    for (Binding b : bindings()) {
      for (Binding.Entry e : b.subjects()) {
        out.add(e.subject());
      }
    }
    return out;
  }

  /** Whether a resource is cluster-scoped (built-in table, plus cluster-scoped CRDs present). */
  public boolean isClusterScoped(String apiGroup, String resource) {
    return clusterScoped.contains(apiGroup + "/" + resource);
  }

  /**
   * The request as the API server would see it: a cluster-scoped resource has no namespace, except
   * a named Namespace object, whose namespace is its own name (so a RoleBinding in {@code foo} can
   * grant access to namespace {@code foo} itself), and {@code bind}, which the API server checks in
   * the namespace of the RoleBinding being written.
   */
  public Request.Resource normalize(Request.Resource r) {
    if (r.verb().equals("bind")) {
      // the bind check for a RoleBinding carries the binding's namespace, even for a ClusterRole
      return r;
    }
    if (r.apiGroup().isEmpty() && r.resource().equals("namespaces") && !r.name().isEmpty()) {
      return r.inNamespace(r.name());
    }
    if (isClusterScoped(r.apiGroup(), r.resource())) {
      return r.inNamespace("");
    }
    return r;
  }

  /** The first rule of a binding's role that allows the request, if any. */
  private Optional<Rule> allowingRule(Binding b, Request request) {
    Optional<Role> role = role(b);
    if (role.isEmpty()) {
      return Optional.empty();
    }
    return firstAllowing(role.get(), request);
  }

  /** The first rule of the role that allows the request, remembered per (role, request). */
  private Optional<Rule> firstAllowing(Role role, Request request) {
    // remembered without the namespace, which no rule reads (Rule.allows): the risk and escalation
    // passes ask one request in every namespace, and cluster-wide bindings are consulted in each
    Request asked = withoutNamespace(request);
    RoleRequest key = new RoleRequest(role, asked);
    Optional<Rule> known = firstAllowing.get(key);
    if (known != null) {
      return known;
    }
    Optional<Rule> found = Optional.empty();
    for (Rule rule : role.rules()) {
      if (rule.allows(asked)) {
        found = Optional.of(rule);
        break;
      }
    }
    if (firstAllowing.size() < MAX_REMEMBERED) {
      firstAllowing.putIfAbsent(key, found);
    }
    return found;
  }

  /**
   * Every subject entry that may make the request, with the binding, role and rule that allow it.
   * Implicit answers are not listed: members of {@code system:masters} may do anything.
   */
  public List<Access> whoCan(Request request) {
    List<Access> out = new ArrayList<>(clusterWide(request));
    if (request instanceof Request.Resource r && !r.namespace().isEmpty()) {
      for (Binding b : roleBindings(r.namespace())) {
        addAccess(out, b, request);
      }
    }
    return out;
  }

  /**
   * What the ClusterRoleBindings allow a request (the authorizer consults them first, then the
   * RoleBindings of the request's namespace): the same in every namespace, since no rule reads the
   * namespace, and remembered per request without it (the risk catalog asks each request in every
   * namespace).
   */
  private List<Access> clusterWide(Request request) {
    Request key = withoutNamespace(request);
    List<Access> known = clusterAccess.get(key);
    if (known != null) {
      return known;
    }
    List<Access> out = new ArrayList<>();
    for (Binding b : clusterBindings) {
      addAccess(out, b, key);
    }
    List<Access> found = List.copyOf(out);
    if (clusterAccess.size() < MAX_REMEMBERED) {
      clusterAccess.putIfAbsent(key, found);
    }
    return found;
  }

  /** The request as asked anywhere: a resource request's namespace dropped, which no rule reads. */
  private static Request withoutNamespace(Request request) {
    return request instanceof Request.Resource r && !r.namespace().isEmpty()
        ? r.inNamespace("")
        : request;
  }

  /**
   * Who may make a resource request in some namespace: cluster-wide grants, then each namespace's
   * RoleBindings asked with the request in that namespace. A cluster-scoped resource is decided by
   * ClusterRoleBindings alone.
   */
  public List<Access> whoCanAnywhere(Request.Resource request) {
    Request.Resource r = normalize(request.inNamespace(""));
    if (!r.namespace().isEmpty() || !request.namespace().isEmpty()) {
      return whoCan(normalize(request));
    }
    List<Access> out = new ArrayList<>();
    for (Binding b : clusterBindings) {
      addAccess(out, b, r);
    }
    if (isClusterScoped(r.apiGroup(), r.resource())) {
      return out;
    }
    for (Map.Entry<String, List<Binding>> e : roleBindings.entrySet()) {
      Request.Resource inNs = r.inNamespace(e.getKey());
      for (Binding b : e.getValue()) {
        addAccess(out, b, inNs);
      }
    }
    return out;
  }

  private void addAccess(List<Access> out, Binding b, Request request) {
    Optional<Rule> rule = allowingRule(b, request);
    if (rule.isPresent()) {
      Role role = role(b).orElseThrow();
      for (Binding.Entry e : b.subjects()) {
        out.add(new Access(new Grant(b, e, role), rule.get()));
      }
    }
  }

  /** Every role an identity holds, through any binding entry that applies to it. */
  public List<Grant> grants(Identity identity) {
    List<Grant> out = new ArrayList<>();
    for (Binding b : bindings()) {
      for (Binding.Entry e : b.subjects()) {
        if (identity.matches(e.subject())) {
          out.add(new Grant(b, e, role(b).orElseThrow()));
        }
      }
    }
    return out;
  }

  /**
   * Why an identity may make a request: the first grant and rule that allow it, among the given
   * grants of that identity (see {@link #grants}). Empty when RBAC does not allow it; members of
   * {@code system:masters} are allowed by the authorizer before RBAC and are not answered here.
   */
  public static Optional<Access> allowed(List<Grant> grants, Request request) {
    String ns = request instanceof Request.Resource r ? r.namespace() : "";
    for (Grant g : grants) {
      if (!g.clusterWide() && !g.binding().namespace().equals(ns)) {
        continue;
      }
      for (Rule rule : g.role().rules()) {
        if (rule.allows(request)) {
          return Optional.of(new Access(g, rule));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * {@link #allowed(List, Request)} for grants of this graph ({@link #grants}), with each role's
   * answer remembered: the same answer, asked many times by the risk and escalation passes.
   */
  public Optional<Access> allowedBy(List<Grant> grants, Request request) {
    String ns = request instanceof Request.Resource r ? r.namespace() : "";
    for (Grant g : grants) {
      if (!g.clusterWide() && !g.binding().namespace().equals(ns)) {
        continue;
      }
      Optional<Rule> rule = firstAllowing(g.role(), request);
      if (rule.isPresent()) {
        return Optional.of(new Access(g, rule.get()));
      }
    }
    return Optional.empty();
  }

  /** Whether RBAC (or membership in {@code system:masters}) allows the identity the request. */
  public boolean allows(Identity identity, Request request) {
    return identity.isMaster() || allowed(grants(identity), request).isPresent();
  }
}
