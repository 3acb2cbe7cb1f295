package dev.kordon.rbac;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One PolicyRule of a Role or ClusterRole, with the object and index it was declared at (for an
 * aggregated ClusterRole, the ClusterRole the rule was aggregated from).
 */
public record Rule(
    List<String> verbs,
    List<String> apiGroups,
    List<String> resources,
    List<String> resourceNames,
    List<String> nonResourceURLs,
    KubeObject declaredIn,
    int index) {

  public static final String ALL = "*";

  public Rule {
    verbs = List.copyOf(verbs);
    apiGroups = List.copyOf(apiGroups);
    resources = List.copyOf(resources);
    resourceNames = List.copyOf(resourceNames);
    nonResourceURLs = List.copyOf(nonResourceURLs);
  }

  /** The rules of a role object; entries that are not objects are skipped. */
  static List<Rule> read(KubeObject role) {
    List<Rule> out = new ArrayList<>();
    JsonNode rules = role.raw().path("rules");
    for (int i = 0; i < rules.size(); i++) {
      JsonNode r = rules.path(i);
      if (r.isObject()) {
        out.add(
            new Rule(
                strings(r.path("verbs")),
                strings(r.path("apiGroups")),
                strings(r.path("resources")),
                strings(r.path("resourceNames")),
                strings(r.path("nonResourceURLs")),
                role,
                i));
      }
    }
    return out;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : node) {
      if (v.isValueNode() && !v.isNull()) {
        out.add(v.asString());
      }
    }
    return out;
  }

  /** Where the rule sits: {@code /rules/<index>} of {@link #declaredIn}. */
  public JsonPointer pointer() {
    return JsonPointer.of("rules", Integer.toString(index));
  }

  /** The rule's content, without where it was declared: aggregation de-duplicates by it. */
  List<List<String>> content() {
    return List.of(verbs, apiGroups, resources, resourceNames, nonResourceURLs);
  }

  /**
   * Whether the rule allows the request (rbac/v1 RuleAllows). A resource request's namespace is not
   * read: which bindings apply decides where a rule counts ({@link RbacGraph} relies on this).
   */
  public boolean allows(Request request) {
    if (request instanceof Request.Resource r) {
      return allowsResource(r);
    }
    Request.NonResource n = (Request.NonResource) request;
    return matchesVerb(n.verb()) && matchesUrl(n.path());
  }

  private boolean allowsResource(Request.Resource r) {
    return matchesVerb(r.verb())
        && (apiGroups.contains(ALL) || apiGroups.contains(r.apiGroup()))
        && matchesResource(r.resource(), r.subresource())
        && (resourceNames.isEmpty()
            || r.anyName()
            || (!r.name().isEmpty() && resourceNames.contains(r.name())));
  }

  /** Whether the rule lists the verb or {@code *}. */
  public boolean matchesVerb(String verb) {
    return verbs.contains(ALL) || verbs.contains(verb);
  }

  /**
   * {@code *} matches every resource and subresource; otherwise the combined {@code
   * resource/subresource} must be listed, or {@code *}/subresource. {@code pods/*} is a literal.
   * Compared in place, without building either combined string per rule entry.
   */
  private boolean matchesResource(String resource, String subresource) {
    for (String res : resources) {
      if (res.equals(ALL)) {
        return true;
      }
      if (subresource.isEmpty()) {
        if (res.equals(resource)) {
          return true;
        }
      } else if (isSlashed(res, resource, subresource) || isSlashed(res, ALL, subresource)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code res} is {@code head + "/" + tail}. */
  private static boolean isSlashed(String res, String head, String tail) {
    return res.length() == head.length() + 1 + tail.length()
        && res.startsWith(head)
        && res.charAt(head.length()) == '/'
        && res.endsWith(tail);
  }

  /** {@code *}, the exact path, or an entry ending in {@code *} whose stem prefixes the path. */
  private boolean matchesUrl(String path) {
    for (String url : nonResourceURLs) {
      if (url.equals(ALL) || url.equals(path)) {
        return true;
      }
      if (url.endsWith("*")) {
        String stem = url.replaceAll("\\*+$", "");
        if (path.startsWith(stem)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A readable one-line form: {@code get,list secrets [names: a,b]} or {@code get /metrics}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(String.join(",", verbs)).append(' ');
    if (!nonResourceURLs.isEmpty() && resources.isEmpty()) {
      return sb.append(String.join(",", nonResourceURLs)).toString();
    }
    List<String> qualified = new ArrayList<>();
    for (String res : resources) {
      for (String g : apiGroups) {
        qualified.add(g.isEmpty() ? res : res + "." + g);
      }
    }
    sb.append(String.join(",", qualified));
    if (!resourceNames.isEmpty()) {
      sb.append(" [names: ").append(String.join(",", resourceNames)).append(']');
    }
    return sb.toString();
  }
}
