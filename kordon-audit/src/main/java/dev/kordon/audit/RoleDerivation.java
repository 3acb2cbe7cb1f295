package dev.kordon.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The least privilege that allows what a subject was seen doing: per namespace a Role and a
 * RoleBinding, for cluster-scoped and all-namespace requests a ClusterRole and a
 * ClusterRoleBinding. No wildcards; a verb on a resource keeps resourceNames only when every
 * request of that verb named an object; rules merge only where the merge allows nothing more.
 */
public final class RoleDerivation {

  private RoleDerivation() {}

  /** Whom the roles are for: a user, or a service account {@code namespace/name}. */
  public record Subject(boolean serviceAccount, String name, String namespace) {
    public static Subject user(String name) {
      return new Subject(false, name, "");
    }

    public static Subject serviceAccount(String namespace, String name) {
      return new Subject(true, name, namespace);
    }

    /** The user name the API server logs for it. */
    public String userName() {
      return serviceAccount ? "system:serviceaccount:" + namespace + ":" + name : name;
    }

    /** The same subject as the RBAC evaluator names it. */
    public dev.kordon.rbac.Subject rbac() {
      return serviceAccount
          ? dev.kordon.rbac.Subject.serviceAccount(namespace, name)
          : dev.kordon.rbac.Subject.user(name);
    }

    /** A name fit for a role: {@code kordon-audit:bob}. */
    String roleName() {
      String raw = serviceAccount ? namespace + ":" + name : name;
      return "kordon-audit:" + raw.replaceAll("[^A-Za-z0-9:._-]", "-");
    }
  }

  /**
   * The manifests, as plain maps in output order (roles before their bindings).
   *
   * @param requests the distinct requests they were derived from
   */
  public record Derived(List<Map<String, Object>> objects, List<ObservedRequest> requests) {
    public Derived {
      objects = List.copyOf(objects);
      requests = List.copyOf(requests);
    }

    /** The manifests as Kordon's RBAC evaluator reads them. */
    public dev.kordon.rbac.RbacGraph graph() {
      List<dev.kordon.model.KubeObject> objs = new ArrayList<>();
      for (Map<String, Object> o : objects) {
        objs.add(
            dev.kordon.model.KubeObject.of(
                dev.kordon.report.JsonOutput.mapper().valueToTree(o),
                new dev.kordon.model.Origin.Request("derived from the audit log")));
      }
      return dev.kordon.rbac.RbacGraph.of(dev.kordon.snapshot.Snapshot.of(objs));
    }

    /** The manifests as one YAML stream. */
    public String toYaml() {
      var dump =
          new org.snakeyaml.engine.v2.api.Dump(
              org.snakeyaml.engine.v2.api.DumpSettings.builder()
                  .setDefaultFlowStyle(org.snakeyaml.engine.v2.common.FlowStyle.BLOCK)
                  .setExplicitStart(true)
                  .build());
      return dump.dumpAllToString(new ArrayList<Object>(objects).iterator());
    }
  }

  /** Derives the roles for the distinct requests observed. */
  public static Derived derive(Subject subject, List<ObservedRequest> observed) {
    // scope ("" = cluster) -> (group, resource) -> verb -> names (null = some request named none)
    Map<String, Map<List<String>, Map<String, Set<String>>>> byScope = new TreeMap<>();
    Map<String, Set<String>> urls = new TreeMap<>(); // verb -> paths
    for (ObservedRequest r : observed) {
      if (r.nonResource()) {
        urls.computeIfAbsent(r.verb(), k -> new TreeSet<>()).add(r.path());
        continue;
      }
      Map<String, Set<String>> verbs =
          byScope
              .computeIfAbsent(r.namespace(), k -> new TreeMap<>(RoleDerivation::compareKeys))
              .computeIfAbsent(List.of(r.apiGroup(), r.combined()), k -> new TreeMap<>());
      boolean seen = verbs.containsKey(r.verb());
      Set<String> names = verbs.get(r.verb());
      if (r.name().isEmpty() || (seen && names == null)) {
        verbs.put(r.verb(), null);
      } else {
        if (!seen) {
          names = new TreeSet<>();
          verbs.put(r.verb(), names);
        }
        names.add(r.name());
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Map<List<String>, Map<String, Set<String>>>> cluster = new TreeMap<>();
    if (byScope.containsKey("")) {
      cluster.put("", byScope.remove(""));
    }
    if (!cluster.isEmpty() || !urls.isEmpty()) {
      List<Object> rules = rules(cluster.getOrDefault("", Map.of()));
      Map<Set<String>, Set<String>> urlsByVerbs = new LinkedHashMap<>();
      Map<String, Set<String>> verbsByUrl = new TreeMap<>();
      urls.forEach(
          (verb, paths) ->
              paths.forEach(p -> verbsByUrl.computeIfAbsent(p, k -> new TreeSet<>()).add(verb)));
      verbsByUrl.forEach(
          (p, verbs) -> urlsByVerbs.computeIfAbsent(verbs, k -> new TreeSet<>()).add(p));
      urlsByVerbs.forEach(
          (verbs, paths) -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("nonResourceURLs", new ArrayList<>(paths));
            rule.put("verbs", new ArrayList<>(verbs));
            rules.add(rule);
          });
      out.add(role("ClusterRole", subject.roleName(), "", rules));
      out.add(binding("ClusterRoleBinding", subject.roleName(), "", "ClusterRole", subject));
    }
    for (var e : byScope.entrySet()) {
      out.add(role("Role", subject.roleName(), e.getKey(), rules(e.getValue())));
      out.add(binding("RoleBinding", subject.roleName(), e.getKey(), "Role", subject));
    }
    return new Derived(out, observed);
  }

  private static int compareKeys(List<String> a, List<String> b) {
    int c = a.get(0).compareTo(b.get(0));
    return c != 0 ? c : a.get(1).compareTo(b.get(1));
  }

  /**
   * Rules for one scope: per (group, resource), verbs with the same names share a rule; then
   * resources of one group whose unnamed verbs are the same share a rule.
   */
  private static List<Object> rules(Map<List<String>, Map<String, Set<String>>> resources) {
    // group -> verbs -> resources, for rules without names
    Map<String, Map<Set<String>, Set<String>>> plain = new TreeMap<>();
    List<Object> named = new ArrayList<>();
    for (var res : resources.entrySet()) {
      String group = res.getKey().get(0);
      String resource = res.getKey().get(1);
      Set<String> unnamedVerbs = new TreeSet<>();
      Map<Set<String>, Set<String>> verbsByNames = new LinkedHashMap<>();
      for (var v : res.getValue().entrySet()) {
        if (v.getValue() == null) {
          unnamedVerbs.add(v.getKey());
        } else {
          verbsByNames.computeIfAbsent(v.getValue(), k -> new TreeSet<>()).add(v.getKey());
        }
      }
      if (!unnamedVerbs.isEmpty()) {
        plain
            .computeIfAbsent(group, k -> new LinkedHashMap<>())
            .computeIfAbsent(unnamedVerbs, k -> new TreeSet<>())
            .add(resource);
      }
      verbsByNames.forEach(
          (names, verbs) ->
              named.add(rule(group, List.of(resource), new ArrayList<>(names), verbs)));
    }
    List<Object> out = new ArrayList<>();
    plain.forEach(
        (group, byVerbs) ->
            byVerbs.forEach(
                (verbs, res) -> out.add(rule(group, new ArrayList<>(res), List.of(), verbs))));
    out.addAll(named);
    return out;
  }

  private static Map<String, Object> rule(
      String group, List<String> resources, List<String> names, Set<String> verbs) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("apiGroups", List.of(group));
    rule.put("resources", resources);
    if (!names.isEmpty()) {
      rule.put("resourceNames", names);
    }
    rule.put("verbs", new ArrayList<>(verbs));
    return rule;
  }

  private static Map<String, Object> role(String kind, String name, String ns, List<Object> rules) {
    Map<String, Object> role = new LinkedHashMap<>();
    role.put("apiVersion", "rbac.authorization.k8s.io/v1");
    role.put("kind", kind);
    role.put("metadata", metadata(name, ns));
    role.put("rules", rules);
    return role;
  }

  private static Map<String, Object> binding(
      String kind, String name, String ns, String roleKind, Subject subject) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("apiVersion", "rbac.authorization.k8s.io/v1");
    b.put("kind", kind);
    b.put("metadata", metadata(name, ns));
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("apiGroup", "rbac.authorization.k8s.io");
    ref.put("kind", roleKind);
    ref.put("name", name);
    b.put("roleRef", ref);
    Map<String, Object> s = new LinkedHashMap<>();
    if (subject.serviceAccount()) {
      s.put("kind", "ServiceAccount");
      s.put("name", subject.name());
      s.put("namespace", subject.namespace());
    } else {
      s.put("apiGroup", "rbac.authorization.k8s.io");
      s.put("kind", "User");
      s.put("name", subject.name());
    }
    b.put("subjects", List.of(s));
    return b;
  }

  private static Map<String, Object> metadata(String name, String ns) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    if (!ns.isEmpty()) {
      m.put("namespace", ns);
    }
    Objects.requireNonNull(name);
    return m;
  }
}
