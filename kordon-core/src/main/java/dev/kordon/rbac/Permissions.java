package dev.kordon.rbac;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The effective permissions of one subject, merged per scope and resource like {@code kubectl auth
 * can-i --list}, but offline and for any subject. Rules a RoleBinding cannot make effective
 * (non-resource URLs, cluster-scoped resources other than the namespace itself) are left out.
 */
public final class Permissions {

  /**
   * One line of the answer.
   *
   * @param scope {@code cluster} or a namespace name
   * @param resource {@code resource[/subresource]} with {@code .group} for non-core groups; empty
   *     for a non-resource URL
   * @param verbs sorted
   * @param via the roles (and bindings) that contribute, sorted
   */
  public record Row(
      String scope,
      String resource,
      String nonResourceUrl,
      List<String> resourceNames,
      List<String> verbs,
      List<String> via) {
    public Row {
      resourceNames = List.copyOf(resourceNames);
      verbs = List.copyOf(new TreeSet<>(verbs));
      via = List.copyOf(new TreeSet<>(via));
    }
  }

  private static final Comparator<Row> ORDER =
      Comparator.comparing((Row r) -> r.scope().equals("cluster") ? "" : r.scope())
          .thenComparing(r -> r.resource().isEmpty() ? "\uffff" : r.resource())
          .thenComparing(Row::nonResourceUrl)
          .thenComparing(r -> String.join(",", r.resourceNames()));

  private Permissions() {}

  /**
   * What the subject may do: in one namespace (ClusterRoleBindings and that namespace's
   * RoleBindings), or everywhere when {@code namespace} is empty.
   */
  public static List<Row> of(RbacGraph graph, Subject subject, Optional<String> namespace) {
    Identity identity = Identity.of(subject);
    Map<List<Object>, Merge> merged = new LinkedHashMap<>();
    if (identity.isMaster()) {
      merged
          .computeIfAbsent(
              List.of("cluster", "*.*", "", List.of()),
              k -> new Merge("cluster", "*.*", "", List.of()))
          .add(List.of("*"), "group system:masters (bypasses RBAC)");
    }
    for (Grant g : graph.grants(identity)) {
      if (!g.clusterWide()
          && namespace.isPresent()
          && !namespace.get().equals(g.binding().namespace())) {
        continue;
      }
      String scope = g.clusterWide() ? "cluster" : g.binding().namespace();
      for (Rule rule : g.role().rules()) {
        for (String url : rule.nonResourceURLs()) {
          if (g.clusterWide()) {
            merged
                .computeIfAbsent(
                    List.of(scope, "", url, List.of()), k -> new Merge(scope, "", url, List.of()))
                .add(rule.verbs(), g.via());
          }
        }
        for (String res : rule.resources()) {
          for (String group : rule.apiGroups()) {
            String base = res.contains("/") ? res.substring(0, res.indexOf('/')) : res;
            List<String> verbs = rule.verbs();
            if (!g.clusterWide()
                && !(group.isEmpty() && base.equals("namespaces"))
                && graph.isClusterScoped(group, base)) {
              // only bind is checked in the RoleBinding's namespace for a cluster-scoped role
              if (!rule.matchesVerb("bind")) {
                continue;
              }
              verbs = List.of("bind");
            }
            List<String> effective = verbs;
            String shown = group.isEmpty() ? res : res + "." + group;
            List<String> names = new ArrayList<>(new TreeSet<>(rule.resourceNames()));
            merged
                .computeIfAbsent(
                    List.of(scope, shown, "", names), k -> new Merge(scope, shown, "", names))
                .add(effective, g.via());
          }
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Merge m : merged.values()) {
      rows.add(
          new Row(m.scope, m.resource, m.url, m.names, List.copyOf(m.verbs), List.copyOf(m.via)));
    }
    rows.sort(ORDER);
    return rows;
  }

  /** Accumulates verbs and contributing roles of one row while grants are read. */
  private static final class Merge {
    final String scope;
    final String resource;
    final String url;
    final List<String> names;
    final Set<String> verbs = new TreeSet<>();
    final Set<String> via = new TreeSet<>();

    Merge(String scope, String resource, String url, List<String> names) {
      this.scope = scope;
      this.resource = resource;
      this.url = url;
      this.names = names;
    }

    void add(List<String> moreVerbs, String source) {
      verbs.addAll(moreVerbs);
      via.add(source);
    }
  }
}
