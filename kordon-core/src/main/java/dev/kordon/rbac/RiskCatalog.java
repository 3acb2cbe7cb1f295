package dev.kordon.rbac;

import dev.kordon.model.Severity;
import dev.kordon.source.YamlTrees;
import dev.kordon.source.YamlTrees.ConfigException;
import java.util.ArrayList;
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
    return parse(YamlTrees.resource(RiskCatalog.class, "/rbac/risks.yaml"));
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
                List.of(risk.id(), q.namespace(), g.binding().object().ref(), g.entry().index()),
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
        Optional<Access> a = RbacGraph.allowed(scoped, q.request());
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
