package dev.kordon.rbac;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Privilege escalation as a graph: nodes are identities (and "cluster-admin"), edges the steps an
 * identity's RBAC permissions allow towards another identity or full control. Paths are found
 * breadth-first backwards from the target, so every source gets one of its shortest chains.
 *
 * <p>Edges model what RBAC alone decides. A pod created in a namespace can run as any service
 * account there; exec, attach, pod changes and the kubelet proxy reach the service accounts that
 * workloads of the snapshot run with a mounted token; Secrets reach accounts through token Secrets
 * present in the snapshot or minted. Node takeover through privileged pods is not modelled.
 */
public final class EscalationPaths {

  /** A chain of steps from one identity to the target. */
  public record Path(List<Step> steps) {
    public Path {
      steps = List.copyOf(steps);
      if (steps.isEmpty()) {
        throw new IllegalArgumentException("a path has at least one step");
      }
    }

    public PathNode from() {
      return steps.get(0).from();
    }

    public PathNode to() {
      return steps.get(steps.size() - 1).to();
    }

    public int length() {
      return steps.size();
    }
  }

  /**
   * Bound on the number of edges: hostile input (thousands of subjects that may all create pods
   * everywhere) must not exhaust memory. Real clusters stay far below it.
   */
  public static final int MAX_EDGES = 2_000_000;

  private static final String RBAC = "rbac.authorization.k8s.io";
  private static final String CERTS = "certificates.k8s.io";

  /** Workload controllers whose pod template names a service account, as (group, resource). */
  private static final List<List<String>> CONTROLLERS =
      List.of(
          List.of("apps", "deployments"),
          List.of("apps", "daemonsets"),
          List.of("apps", "statefulsets"),
          List.of("apps", "replicasets"),
          List.of("batch", "jobs"),
          List.of("batch", "cronjobs"),
          List.of("", "replicationcontrollers"));

  private final RbacGraph graph;
  private final Map<String, Set<Subject>> accounts;
  private final Map<String, Set<Subject>> running;
  private final Map<String, Map<String, Subject>> tokenSecrets;
  private final Set<Subject> nodes;
  private final Map<PathNode, List<Step>> incoming = new HashMap<>();
  private final List<Step> edges = new ArrayList<>();

  private EscalationPaths(Snapshot snapshot, Collection<Subject> extra) {
    this.graph = RbacGraph.of(snapshot);
    Map<String, Set<Subject>> sa = new TreeMap<>();
    for (String ns : snapshot.namespaceNames()) {
      // every namespace has a default service account, created by the control plane
      sa.computeIfAbsent(ns, k -> new TreeSet<>()).add(Subject.serviceAccount(ns, "default"));
    }
    for (KubeObject o : snapshot.ofKind("ServiceAccount")) {
      String ns = Binding.effectiveNamespace(o);
      sa.computeIfAbsent(ns, k -> new TreeSet<>()).add(Subject.serviceAccount(ns, o.name()));
    }
    Set<Subject> all = new TreeSet<>(graph.subjects());
    all.addAll(extra);
    for (Subject s : all) {
      if (s.kind() == Subject.Kind.SERVICE_ACCOUNT) {
        sa.computeIfAbsent(s.namespace(), k -> new TreeSet<>()).add(s);
      }
    }
    Map<String, Set<Subject>> run = new TreeMap<>();
    for (PodSpecView pod : snapshot.workloads()) {
      mountedAccount(pod, snapshot)
          .ifPresent(
              s -> {
                run.computeIfAbsent(s.namespace(), k -> new TreeSet<>()).add(s);
                sa.computeIfAbsent(s.namespace(), k -> new TreeSet<>()).add(s);
              });
    }
    Map<String, Map<String, Subject>> tokens = new TreeMap<>();
    for (KubeObject secret : snapshot.ofKind("Secret")) {
      String owner = secret.annotations().getOrDefault("kubernetes.io/service-account.name", "");
      if (secret.raw().path("type").asString("").equals("kubernetes.io/service-account-token")
          && !owner.isEmpty()) {
        String ns = Binding.effectiveNamespace(secret);
        Subject s = Subject.serviceAccount(ns, owner);
        tokens.computeIfAbsent(ns, k -> new TreeMap<>()).put(secret.name(), s);
        sa.computeIfAbsent(s.namespace(), k -> new TreeSet<>()).add(s);
      }
    }
    this.accounts = sa;
    this.running = run;
    this.tokenSecrets = tokens;
    for (Set<Subject> s : sa.values()) {
      all.addAll(s);
    }
    this.nodes = all;
    for (Subject s : nodes) {
      addEdges(s);
    }
  }

  /** The escalation graph of a snapshot, built once. */
  public static EscalationPaths of(Snapshot snapshot) {
    return snapshot.derived(EscalationPaths.class, s -> new EscalationPaths(s, List.of()));
  }

  /** The graph with more identities in it (subjects that no binding names), not cached. */
  public static EscalationPaths of(Snapshot snapshot, Collection<Subject> extra) {
    return extra.isEmpty() ? of(snapshot) : new EscalationPaths(snapshot, extra);
  }

  /**
   * The service account whose token a workload mounts: {@code serviceAccountName} (or the legacy
   * {@code serviceAccount}), else {@code default}; empty when automounting is off on the pod, or on
   * the ServiceAccount and the pod does not turn it back on.
   */
  public static Optional<Subject> mountedAccount(PodSpecView pod, Snapshot snapshot) {
    String ns = pod.object().namespace().isEmpty() ? "default" : pod.object().namespace();
    String name = pod.spec().path("serviceAccountName").asString("");
    if (name.isEmpty()) {
      name = pod.spec().path("serviceAccount").asString("");
    }
    if (name.isEmpty()) {
      name = "default";
    }
    var podAutomount = pod.spec().path("automountServiceAccountToken");
    if (podAutomount.isBoolean() && !podAutomount.booleanValue()) {
      return Optional.empty();
    }
    if (!podAutomount.isBoolean()) {
      Optional<KubeObject> sa = snapshot.find("ServiceAccount", ns, name);
      if (sa.isPresent()) {
        var saAutomount = sa.get().raw().path("automountServiceAccountToken");
        if (saAutomount.isBoolean() && !saAutomount.booleanValue()) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(Subject.serviceAccount(ns, name));
  }

  public RbacGraph graph() {
    return graph;
  }

  /** Every identity in the graph, sorted. */
  public Set<Subject> identities() {
    return nodes;
  }

  /** Every edge, in a deterministic order. */
  public List<Step> edges() {
    return java.util.Collections.unmodifiableList(edges);
  }

  /**
   * Whether the graph hit {@link #MAX_EDGES} and dropped edges: paths may then be missing, never
   * wrong.
   */
  public boolean truncated() {
    return edges.size() >= MAX_EDGES;
  }

  private void add(Step step) {
    if (step.from().equals(step.to()) || edges.size() >= MAX_EDGES) {
      return;
    }
    edges.add(step);
    incoming.computeIfAbsent(step.to(), k -> new ArrayList<>()).add(step);
  }

  private static Request.Resource res(
      String verb, String group, String resource, String ns, String name) {
    Request.Resource r = Request.resource(verb, group, resource, ns);
    return name.isEmpty() ? r : r.named(name);
  }

  /** The first of the requests RBAC allows, with its access. */
  private Optional<Allowed> first(List<Grant> grants, Request.Resource... requests) {
    for (Request.Resource r : requests) {
      Optional<Access> a = graph.allowedBy(grants, r);
      if (a.isPresent()) {
        return Optional.of(new Allowed(r, a.get()));
      }
    }
    return Optional.empty();
  }

  private record Allowed(Request.Resource request, Access access) {
    String describe() {
      return request.describe() + " (" + access.grant().via() + ")";
    }

    Allowed in(String ns) {
      return new Allowed(request.inNamespace(ns), access);
    }
  }

  private void addEdges(Subject subject) {
    PathNode from = PathNode.of(subject);
    PathNode admin = PathNode.CLUSTER_ADMIN;
    Identity identity = Identity.of(subject);
    if (identity.isMaster()) {
      add(
          new Step(
              from,
              admin,
              Step.Action.SYSTEM_MASTERS,
              "member of group system:masters",
              Optional.empty(),
              "the API server allows every request of system:masters before RBAC is asked"));
      return;
    }
    List<Grant> grants = graph.grants(identity);
    if (grants.isEmpty()) {
      return;
    }
    Optional<Allowed> all = first(grants, res("*", "*", "*", "", ""));
    if (all.isPresent()) {
      add(
          new Step(
              from,
              admin,
              Step.Action.CLUSTER_ADMIN,
              all.get().describe(),
              Optional.of(all.get().access()),
              "holds every verb on every resource cluster-wide"));
      return;
    }
    clusterEdges(from, grants);
    // namespaces are visited only where a grant may lead somewhere: most identities hold
    // nothing cluster-wide that acts inside namespaces, and a cluster has many namespaces
    boolean everywhere = actsInNamespaces(grants);
    Set<String> bound = new TreeSet<>();
    for (Grant g : grants) {
      if (!g.clusterWide()) {
        bound.add(g.binding().namespace());
      }
    }
    // In a namespace where no grant of the identity is bound, only its cluster-wide grants
    // apply, and they allow the same in each such namespace, since no rule reads the namespace:
    // what they allow is worked out once and moved to each namespace.
    List<Grant> clusterWide = grants.stream().filter(Grant::clusterWide).toList();
    Rights unbound = null;
    for (Map.Entry<String, Set<Subject>> e : accounts.entrySet()) {
      String ns = e.getKey();
      if (bound.contains(ns)) {
        List<Grant> here =
            grants.stream()
                .filter(g -> g.clusterWide() || g.binding().namespace().equals(ns))
                .toList();
        namespaceEdges(from, here, rights(here, ns), ns, e.getValue());
      } else if (everywhere) {
        if (unbound == null) {
          unbound = rights(clusterWide, "");
        }
        namespaceEdges(from, clusterWide, unbound.in(ns), ns, e.getValue());
      }
    }
  }

  /**
   * The first request RBAC allows of each step that reaches every service account of a namespace
   * alike; the steps towards one account or one Secret ask by name. {@code tokens}: a token may be
   * requested for some account, else for none (a rule that allows a name allows some name).
   */
  private record Rights(
      Optional<Allowed> create,
      Optional<Allowed> mint,
      Optional<Allowed> list,
      Optional<Allowed> exec,
      Optional<Allowed> modify,
      boolean tokens) {

    /** The same requests made in another namespace. */
    Rights in(String ns) {
      return new Rights(
          create.map(a -> a.in(ns)),
          mint.map(a -> a.in(ns)),
          list.map(a -> a.in(ns)),
          exec.map(a -> a.in(ns)),
          modify.map(a -> a.in(ns)),
          tokens);
    }
  }

  /** What the grants allow in a namespace; every grant applies there. */
  private Rights rights(List<Grant> grants, String ns) {
    List<Request.Resource> creators = new ArrayList<>();
    creators.add(res("create", "", "pods", ns, ""));
    for (List<String> c : CONTROLLERS) {
      creators.add(res("create", c.get(0), c.get(1), ns, ""));
    }
    for (List<String> c : CONTROLLERS) {
      creators.add(res("update", c.get(0), c.get(1), ns, ""));
      creators.add(res("patch", c.get(0), c.get(1), ns, ""));
    }
    Optional<Allowed> create = first(grants, creators.toArray(new Request.Resource[0]));
    Optional<Allowed> mint =
        first(grants, res("create", "", "secrets", ns, ""))
            .flatMap(
                c ->
                    first(
                            grants,
                            res("list", "", "secrets", ns, ""),
                            res("get", "", "secrets", ns, ""))
                        .map(g -> c));
    // list and watch return whole Secrets, tokens included
    Optional<Allowed> list =
        first(grants, res("list", "", "secrets", ns, ""), res("watch", "", "secrets", ns, ""));
    Optional<Allowed> exec =
        first(
            grants,
            res("create", "", "pods/exec", ns, ""),
            res("get", "", "pods/exec", ns, ""),
            res("create", "", "pods/attach", ns, ""),
            res("get", "", "pods/attach", ns, ""));
    Optional<Allowed> modify =
        first(
            grants,
            res("patch", "", "pods/ephemeralcontainers", ns, ""),
            res("update", "", "pods/ephemeralcontainers", ns, ""),
            res("patch", "", "pods", ns, ""),
            res("update", "", "pods", ns, ""));
    Request.Resource token = res("create", "", "serviceaccounts/token", ns, "");
    Request.Resource anyToken =
        new Request.Resource(
            token.verb(), token.apiGroup(), token.resource(), token.subresource(), ns, "", true);
    boolean tokens = graph.allowedBy(grants, anyToken).isPresent();
    return new Rights(create, mint, list, exec, modify, tokens);
  }

  /** Every (verb, group, resource) that {@link #namespaceEdges} asks about. */
  private static final List<List<String>> NAMESPACED_STEPS =
      List.of(
          List.of("create", "", "pods"),
          List.of("create", "", "secrets"),
          List.of("list", "", "secrets"),
          List.of("watch", "", "secrets"),
          List.of("get", "", "secrets"),
          List.of("create", "", "serviceaccounts/token"),
          List.of("create", "", "pods/exec"),
          List.of("get", "", "pods/exec"),
          List.of("create", "", "pods/attach"),
          List.of("get", "", "pods/attach"),
          List.of("patch", "", "pods/ephemeralcontainers"),
          List.of("update", "", "pods/ephemeralcontainers"),
          List.of("patch", "", "pods"),
          List.of("update", "", "pods"));

  /** Whether a cluster-wide grant allows some namespaced step, for some object. */
  private boolean actsInNamespaces(List<Grant> grants) {
    List<Grant> clusterWide = grants.stream().filter(Grant::clusterWide).toList();
    if (clusterWide.isEmpty()) {
      return false;
    }
    List<List<String>> steps = new ArrayList<>(NAMESPACED_STEPS);
    for (List<String> c : CONTROLLERS) {
      for (String verb : List.of("create", "update", "patch")) {
        steps.add(List.of(verb, c.get(0), c.get(1)));
      }
    }
    for (List<String> step : steps) {
      Request.Resource r = Request.resource(step.get(0), step.get(1), step.get(2), "");
      Request.Resource any =
          new Request.Resource(r.verb(), r.apiGroup(), r.resource(), r.subresource(), "", "", true);
      if (graph.allowedBy(clusterWide, any).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private void clusterEdges(PathNode from, List<Grant> grants) {
    PathNode admin = PathNode.CLUSTER_ADMIN;
    Optional<Allowed> bind = first(grants, res("bind", RBAC, "clusterroles", "", "cluster-admin"));
    Optional<Allowed> createCrb = first(grants, res("create", RBAC, "clusterrolebindings", "", ""));
    if (bind.isPresent() && createCrb.isPresent()) {
      add(
          new Step(
              from,
              admin,
              Step.Action.BIND,
              bind.get().describe() + "; " + createCrb.get().describe(),
              Optional.of(bind.get().access()),
              "creates a ClusterRoleBinding of cluster-admin to itself"));
    }
    for (Grant g : grants) {
      if (!g.clusterWide() || !g.role().isClusterRole()) {
        continue;
      }
      String role = g.role().name();
      Optional<Allowed> escalate = first(grants, res("escalate", RBAC, "clusterroles", "", role));
      Optional<Allowed> update =
          first(
              grants,
              res("update", RBAC, "clusterroles", "", role),
              res("patch", RBAC, "clusterroles", "", role));
      if (escalate.isPresent() && update.isPresent()) {
        add(
            new Step(
                from,
                admin,
                Step.Action.ESCALATE,
                escalate.get().describe() + "; " + update.get().describe(),
                Optional.of(escalate.get().access()),
                "rewrites ClusterRole "
                    + role
                    + ", bound to it cluster-wide, to grant everything"));
        break;
      }
    }
    Optional<Allowed> masters =
        first(grants, res("impersonate", "", "groups", "", "system:masters"));
    if (masters.isPresent()) {
      add(
          new Step(
              from,
              admin,
              Step.Action.IMPERSONATE,
              masters.get().describe(),
              Optional.of(masters.get().access()),
              "impersonates group system:masters"));
    }
    Optional<Allowed> csr =
        first(grants, res("create", CERTS, "certificatesigningrequests", "", ""));
    Optional<Allowed> approval =
        first(
            grants,
            res("update", CERTS, "certificatesigningrequests/approval", "", ""),
            res("patch", CERTS, "certificatesigningrequests/approval", "", ""));
    Optional<Allowed> signer =
        first(
            grants,
            res("approve", CERTS, "signers", "", "kubernetes.io/kube-apiserver-client"),
            res("approve", CERTS, "signers", "", "kubernetes.io/*"));
    if (csr.isPresent() && approval.isPresent() && signer.isPresent()) {
      add(
          new Step(
              from,
              admin,
              Step.Action.CSR_APPROVE,
              csr.get().describe()
                  + "; "
                  + approval.get().describe()
                  + "; "
                  + signer.get().describe(),
              Optional.of(approval.get().access()),
              "requests and approves a client certificate with organisation system:masters"));
    }
    boolean mayImpersonate = false;
    for (Grant g : grants) {
      for (Rule r : g.role().rules()) {
        mayImpersonate |= r.matchesVerb("impersonate");
      }
    }
    for (Subject target : mayImpersonate ? nodes : Set.<Subject>of()) {
      Optional<Allowed> imp;
      switch (target.kind()) {
        case USER:
          imp = first(grants, res("impersonate", "", "users", "", target.name()));
          break;
        case GROUP:
          imp = first(grants, res("impersonate", "", "groups", "", target.name()));
          break;
        case SERVICE_ACCOUNT:
        default:
          imp =
              first(
                  grants,
                  res("impersonate", "", "serviceaccounts", target.namespace(), target.name()),
                  res("impersonate", "", "users", "", target.userName()));
      }
      if (imp.isPresent()) {
        add(
            new Step(
                from,
                PathNode.of(target),
                Step.Action.IMPERSONATE,
                imp.get().describe(),
                Optional.of(imp.get().access()),
                "impersonates " + target.display()));
      }
    }
    Optional<Allowed> proxy =
        first(
            grants,
            res("create", "", "nodes/proxy", "", ""),
            res("get", "", "nodes/proxy", "", ""));
    if (proxy.isPresent()) {
      for (Set<Subject> accountsRun : running.values()) {
        for (Subject target : accountsRun) {
          add(
              new Step(
                  from,
                  PathNode.of(target),
                  Step.Action.NODE_PROXY,
                  proxy.get().describe(),
                  Optional.of(proxy.get().access()),
                  "runs a command through the kubelet API in a pod running as "
                      + target.display()));
        }
      }
    }
  }

  private void namespaceEdges(
      PathNode from, List<Grant> grants, Rights rights, String ns, Set<Subject> inNs) {
    Optional<Allowed> create = rights.create();
    Optional<Allowed> mint = rights.mint();
    Optional<Allowed> list = rights.list();
    // each step of one permission in one namespace says the same: described once
    String created = create.map(Allowed::describe).orElse("");
    String minted = mint.map(m -> m.describe() + " and read it back").orElse("");
    for (Subject target : inNs) {
      PathNode to = PathNode.of(target);
      Optional<Allowed> token =
          rights.tokens()
              ? first(grants, res("create", "", "serviceaccounts/token", ns, target.name()))
              : Optional.empty();
      if (token.isPresent()) {
        add(
            new Step(
                from,
                to,
                Step.Action.TOKEN_REQUEST,
                token.get().describe(),
                Optional.of(token.get().access()),
                "requests a token for " + target.display()));
      }
      if (create.isPresent()) {
        add(
            new Step(
                from,
                to,
                Step.Action.POD_CREATE,
                created,
                Optional.of(create.get().access()),
                "runs a pod in " + ns + " as " + target.display() + " and reads its token"));
      }
      if (mint.isPresent()) {
        add(
            new Step(
                from,
                to,
                Step.Action.SECRET_MINT,
                minted,
                Optional.of(mint.get().access()),
                "creates a service-account-token Secret for "
                    + target.display()
                    + " and reads it"));
      }
    }
    for (Map.Entry<String, Subject> secret : tokenSecrets.getOrDefault(ns, Map.of()).entrySet()) {
      Optional<Allowed> read =
          list.isPresent() ? list : first(grants, res("get", "", "secrets", ns, secret.getKey()));
      if (read.isPresent()) {
        add(
            new Step(
                from,
                PathNode.of(secret.getValue()),
                Step.Action.SECRET_READ,
                read.get().describe(),
                Optional.of(read.get().access()),
                "reads token Secret "
                    + ns
                    + "/"
                    + secret.getKey()
                    + " of "
                    + secret.getValue().display()));
      }
    }
    Set<Subject> runningHere = running.getOrDefault(ns, Set.of());
    if (runningHere.isEmpty()) {
      return;
    }
    Optional<Allowed> exec = rights.exec();
    Optional<Allowed> modify = rights.modify();
    String execs = exec.map(Allowed::describe).orElse("");
    String modifies = modify.map(Allowed::describe).orElse("");
    for (Subject target : runningHere) {
      PathNode to = PathNode.of(target);
      if (exec.isPresent()) {
        add(
            new Step(
                from,
                to,
                Step.Action.POD_EXEC,
                execs,
                Optional.of(exec.get().access()),
                "execs into a pod running as " + target.display() + " and reads its token"));
      }
      if (modify.isPresent()) {
        add(
            new Step(
                from,
                to,
                Step.Action.POD_MODIFY,
                modifies,
                Optional.of(modify.get().access()),
                "changes a pod running as " + target.display() + " to run its own code"));
      }
    }
  }

  /**
   * One shortest path to {@code target} from each source that reaches it within {@code maxSteps},
   * shortest first, then by source.
   */
  public List<Path> paths(PathNode target, Collection<Subject> sources, int maxSteps) {
    Map<PathNode, Step> next = new LinkedHashMap<>();
    Map<PathNode, Integer> dist = new HashMap<>();
    Deque<PathNode> queue = new ArrayDeque<>();
    dist.put(target, 0);
    queue.add(target);
    while (!queue.isEmpty()) {
      PathNode v = queue.removeFirst();
      int d = dist.get(v);
      if (d >= maxSteps) {
        continue;
      }
      for (Step s : incoming.getOrDefault(v, List.of())) {
        if (!dist.containsKey(s.from())) {
          dist.put(s.from(), d + 1);
          next.put(s.from(), s);
          queue.addLast(s.from());
        }
      }
    }
    List<Path> out = new ArrayList<>();
    for (Subject source : new TreeSet<>(sources)) {
      PathNode at = PathNode.of(source);
      if (!next.containsKey(at)) {
        continue;
      }
      List<Step> steps = new ArrayList<>();
      while (!at.equals(target)) {
        Step s = next.get(at);
        steps.add(s);
        at = s.to();
      }
      out.add(new Path(steps));
    }
    out.sort(Comparator.comparingInt(Path::length));
    return out;
  }

  /** Paths to cluster-admin from every identity in the graph. */
  public List<Path> toClusterAdmin(int maxSteps) {
    return paths(PathNode.CLUSTER_ADMIN, nodes, maxSteps);
  }
}
