package dev.kordon.rbac;

import dev.kordon.model.ObjectRef;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.YamlTrees;
import dev.kordon.source.YamlTrees.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The risky-permission catalog, kept as data in {@code rbac/risks.yaml}, and its evaluation over an
 * {@link RbacGraph}: for the whole graph ({@link #holders}) or one identity ({@link #heldBy}).
 */
public final class RiskCatalog {

  /**
   * A risk held by a subject through one grant.
   *
   * @param namespace where it holds, empty for cluster-wide
   * @param permission the request that RBAC allows, e.g. {@code create pods in dev}
   */
  public record Holding(Risk risk, Access access, String namespace, Request.Resource permission) {
    public Subject subject() {
      return access.subject();
    }

    /**
     * Whether the scan reports this holding as a finding on its binding entry: the risk is high or
     * critical ({@link #REPORTED}) and the subject is no built-in identity, the rule by which
     * {@code kordon rbac risks} hides rows without {@code --system}.
     */
    public boolean reported() {
      return risk.severity().atLeast(REPORTED) && !subject().isSystem();
    }

    /** Whether the risk is every verb on every resource (KOR-0100 rather than KOR-0152). */
    public boolean adminEquivalent() {
      return ADMIN_EQUIVALENT.contains(risk.id());
    }
  }

  /** The least severity of a risk that the scan reports (KOR-0100, KOR-0152). */
  public static final Severity REPORTED = Severity.HIGH;

  /** Risks that amount to cluster-admin, or admin of a namespace, under another name. */
  public static final Set<String> ADMIN_EQUIVALENT =
      Set.of("cluster-admin-equivalent", "namespace-admin-equivalent");

  /**
   * The holdings of one snapshot, indexed by the binding that grants them, so that a control
   * looking at one binding does not walk them all.
   */
  public static final class Holdings {
    private final List<Holding> all;
    private final Map<ObjectRef, List<Holding>> byBinding;

    Holdings(List<Holding> all) {
      this.all = List.copyOf(all);
      Map<ObjectRef, List<Holding>> index = new HashMap<>();
      for (Holding h : all) {
        index
            .computeIfAbsent(h.access().grant().binding().object().ref(), k -> new ArrayList<>())
            .add(h);
      }
      index.replaceAll((k, v) -> List.copyOf(v));
      this.byBinding = Collections.unmodifiableMap(index);
    }

    /** Every holding, as {@link #holders(RbacGraph)} lists them. */
    public List<Holding> all() {
      return all;
    }

    /**
     * The holdings granted by one binding. The same binding written in two input files (a chart's
     * plain and HA manifests) is one object in a cluster and holds once in {@link #all}; each copy
     * gets the holdings of the subject entries it has too, so a scan reports it in both files.
     */
    public List<Holding> grantedBy(Binding binding) {
      List<Holding> out = new ArrayList<>();
      for (Holding h : byBinding.getOrDefault(binding.object().ref(), List.of())) {
        if (binding.subjects().contains(h.access().grant().entry())) {
          out.add(h);
        }
      }
      return out;
    }

    /**
     * The holdings of a binding that a scan reports ({@link Holding#reported()}), per subject entry
     * (its index in {@code subjects}), in the order the entries and risks come.
     */
    public Map<Integer, List<Holding>> reportedByEntry(Binding binding) {
      Map<Integer, List<Holding>> out = new LinkedHashMap<>();
      for (Holding h : grantedBy(binding)) {
        if (h.reported()) {
          out.computeIfAbsent(h.access().grant().entry().index(), k -> new ArrayList<>()).add(h);
        }
      }
      return out;
    }
  }

  /** The key under which a snapshot keeps the holdings of one catalog. */
  private record HoldingsKey(RiskCatalog catalog) {}

  /** Parsed once: the catalog is immutable, and every control and command shares it. */
  private static final class BuiltIn {
    static final RiskCatalog INSTANCE =
        parse(YamlTrees.resource(RiskCatalog.class, "/rbac/risks.yaml"));
  }

  private final List<Risk> risks;

  private RiskCatalog(List<Risk> risks) {
    Set<String> ids = new HashSet<>();
    for (Risk r : risks) {
      if (!ids.add(r.id())) {
        throw new IllegalArgumentException("duplicate risk id " + r.id());
      }
    }
    this.risks = List.copyOf(risks);
  }

  public static RiskCatalog of(List<Risk> risks) {
    return new RiskCatalog(risks);
  }

  /** The catalog bundled with Kordon. */
  public static RiskCatalog builtIn() {
    return BuiltIn.INSTANCE;
  }

  /** Two catalogs are equal when they hold the same risks: they give the same holdings. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RiskCatalog other && risks.equals(other.risks);
  }

  @Override
  public int hashCode() {
    return risks.hashCode();
  }

  /** Reads a catalog tree; malformed entries are errors that name the risk. */
  public static RiskCatalog parse(JsonNode root) {
    List<Risk> out = new ArrayList<>();
    for (JsonNode r : root.path("risks")) {
      String id = r.path("id").asString("");
      try {
        List<Risk.Permission> perms = new ArrayList<>();
        for (JsonNode p : r.path("permissions")) {
          perms.add(
              new Risk.Permission(
                  p.path("group").asString(""),
                  p.path("resource").asString(""),
                  strings(p.path("verbs")),
                  strings(p.path("names")),
                  p.path("anyName").asBoolean(false)));
        }
        out.add(
            new Risk(
                id,
                Severity.parse(r.path("severity").asString("")),
                r.path("title").asString(""),
                r.path("explanation").asString(""),
                Risk.Scope.valueOf(r.path("scope").asString("").toUpperCase(Locale.ROOT)),
                strings(r.path("namespaces")),
                perms,
                strings(r.path("refs"))));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("rbac/risks.yaml: risk '" + id + "': " + e.getMessage());
      }
    }
    return new RiskCatalog(out);
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : node) {
      out.add(v.asString(""));
    }
    return out;
  }

  public List<Risk> risks() {
    return risks;
  }

  public Optional<Risk> find(String id) {
    return risks.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** One question to ask of RBAC for a risk: a request in a namespace (empty: cluster-wide). */
  private record Question(Risk risk, String namespace, Request.Resource request) {}

  /** The requests that decide a risk, in the namespaces it applies to. */
  private static List<Question> questions(Risk risk, RbacGraph graph, Set<String> namespaces) {
    List<String> where;
    switch (risk.scope()) {
      case CLUSTER:
        where = List.of("");
        break;
      case LISTED:
        where = risk.namespaces();
        break;
      case NAMESPACE:
      default:
        where = List.copyOf(namespaces);
    }
    List<Question> out = new ArrayList<>();
    for (String ns : where) {
      for (Risk.Permission p : risk.permissions()) {
        for (String verb : p.verbs()) {
          Request.Resource base = Request.resource(verb, p.group(), p.resource(), ns);
          if (p.anyName()) {
            base =
                new Request.Resource(
                    verb, base.apiGroup(), base.resource(), base.subresource(), ns, "", true);
          }
          if (p.names().isEmpty()) {
            out.add(new Question(risk, ns, graph.normalize(base)));
          } else {
            for (String name : p.names()) {
              String n = name.equals(Risk.Permission.OWN_NAMESPACE) ? ns : name;
              if (!n.isEmpty()) {
                out.add(new Question(risk, ns, graph.normalize(base.named(n))));
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static boolean inScope(Risk risk, Grant g) {
    switch (risk.scope()) {
      case CLUSTER:
        return g.clusterWide();
      case NAMESPACE:
        return !g.clusterWide();
      case LISTED:
      default:
        return true;
    }
  }

  /**
   * The holdings of a snapshot's {@link RbacGraph}, computed once per snapshot and catalog and
   * shared by every control that asks.
   */
  public Holdings holdings(Snapshot snapshot) {
    return snapshot.derived(new HoldingsKey(this), s -> new Holdings(holders(RbacGraph.of(s))));
  }

  /** Every subject entry holding a risk, first grant found per (risk, namespace, binding entry). */
  public List<Holding> holders(RbacGraph graph) {
    Map<List<Object>, Holding> out = new LinkedHashMap<>();
    for (Risk risk : risks) {
      for (Question q : questions(risk, graph, graph.bindingNamespaces())) {
        // a cluster-scoped resource asked in a namespace is asked cluster-wide once, above
        if (!q.namespace().isEmpty() && q.request().namespace().isEmpty()) {
          continue;
        }
        for (Access a : graph.whoCan(q.request())) {
          if (inScope(risk, a.grant())) {
            Grant g = a.grant();
            out.putIfAbsent(
                List.of(
                    risk.id(),
                    q.namespace(),
                    g.binding().object().ref(),
                    g.binding().copy(),
                    g.entry().index()),
                new Holding(risk, a, q.namespace(), q.request()));
          }
        }
      }
    }
    return List.copyOf(out.values());
  }

  /** The risks one identity holds, through any of its grants (see {@link RbacGraph#grants}). */
  public List<Holding> heldBy(RbacGraph graph, Identity identity) {
    List<Grant> grants = graph.grants(identity);
    Set<String> namespaces = new java.util.TreeSet<>();
    for (Grant g : grants) {
      if (!g.clusterWide()) {
        namespaces.add(g.binding().namespace());
      }
    }
    Map<List<Object>, Holding> out = new LinkedHashMap<>();
    for (Risk risk : risks) {
      List<Grant> scoped = grants.stream().filter(g -> inScope(risk, g)).toList();
      if (scoped.isEmpty()) {
        continue;
      }
      for (Question q : questions(risk, graph, namespaces)) {
        if (!q.namespace().isEmpty() && q.request().namespace().isEmpty()) {
          continue;
        }
        Optional<Access> a = graph.allowedBy(scoped, q.request());
        if (a.isPresent()) {
          out.putIfAbsent(
              List.of(risk.id(), q.namespace()),
              new Holding(risk, a.get(), q.namespace(), q.request()));
        }
      }
    }
    return List.copyOf(out.values());
  }
}
