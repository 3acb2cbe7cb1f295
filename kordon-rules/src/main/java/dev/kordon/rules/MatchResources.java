package dev.kordon.rules;

import dev.kordon.snapshot.LabelSelector;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy's {@code matchConstraints} or a binding's {@code matchResources}: namespace and object
 * selectors, resource rules, and exclusions, with the API server's semantics. An absent selector
 * matches everything; a cluster-scoped object other than a Namespace always passes the namespace
 * selector.
 *
 * @param resourceRules absent on a binding means "whatever the policy matched"
 */
record MatchResources(
    LabelSelector namespaceSelector,
    LabelSelector objectSelector,
    List<ResourceRule> resourceRules,
    List<ResourceRule> excludeResourceRules) {

  static final MatchResources ALL =
      new MatchResources(LabelSelector.EVERYTHING, LabelSelector.EVERYTHING, null, List.of());

  /** One {@code resourceRules[]} entry. */
  record ResourceRule(
      List<String> operations,
      List<String> apiGroups,
      List<String> apiVersions,
      List<String> resources,
      List<String> resourceNames,
      String scope) {

    boolean matches(CreateRequest r) {
      ResourceKinds.Resource res = r.resource();
      return (operations.contains("*") || operations.contains("CREATE"))
          && any(apiGroups, res.group())
          && any(apiVersions, res.version())
          && resource(res.resource())
          && (resourceNames.isEmpty() || resourceNames.contains(r.object().name()))
          && scope(res.namespaced());
    }

    private boolean resource(String plural) {
      for (String pattern : resources) {
        // "*" is every resource but no subresource; "*/*" everything; "pods/*" subresources only
        if (pattern.equals("*") || pattern.equals("*/*") || pattern.equals(plural)) {
          return true;
        }
      }
      return false;
    }

    private boolean scope(boolean namespaced) {
      switch (scope) {
        case "Cluster":
          return !namespaced;
        case "Namespaced":
          return namespaced;
        default:
          return true;
      }
    }

    private static boolean any(List<String> allowed, String value) {
      return allowed.contains("*") || allowed.contains(value);
    }
  }

  static final Set<String> FIELDS =
      Set.of(
          "namespaceSelector",
          "objectSelector",
          "resourceRules",
          "excludeResourceRules",
          "matchPolicy");

  boolean matches(CreateRequest r) {
    if (!objectSelector.matches(r.object().labels())) {
      return false;
    }
    boolean namespaceApplies = r.resource().namespaced() || "Namespace".equals(r.object().kind());
    Map<String, String> nsLabels = r.namespaceLabels();
    if (namespaceApplies && !namespaceSelector.matches(nsLabels)) {
      return false;
    }
    if (resourceRules != null && resourceRules.stream().noneMatch(rule -> rule.matches(r))) {
      return false;
    }
    return excludeResourceRules.stream().noneMatch(rule -> rule.matches(r));
  }
}
