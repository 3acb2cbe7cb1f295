package dev.kordon.auditpolicy;

import dev.kordon.model.JsonPointer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * An audit Policy ({@code audit.k8s.io/v1}), evaluated as the API server does: the first rule that
 * matches a request decides its level; no matching rule means {@code None}. A rule's omitStages add
 * to the policy's.
 */
public record AuditPolicy(List<PolicyRule> rules, Set<String> omitStages) {

  public AuditPolicy {
    rules = List.copyOf(rules);
    omitStages = Set.copyOf(omitStages);
  }

  /** One rule with the pointer it was read at. */
  public record PolicyRule(
      JsonPointer pointer,
      AuditLevel level,
      String levelWord,
      List<String> users,
      List<String> userGroups,
      List<String> verbs,
      List<GroupResources> resources,
      List<String> namespaces,
      List<String> nonResourceUrls,
      Set<String> omitStages) {

    public PolicyRule {
      users = List.copyOf(users);
      userGroups = List.copyOf(userGroups);
      verbs = List.copyOf(verbs);
      resources = List.copyOf(resources);
      namespaces = List.copyOf(namespaces);
      nonResourceUrls = List.copyOf(nonResourceUrls);
      omitStages = Set.copyOf(omitStages);
    }

    /** Whether the rule restricts nothing: it matches every request. */
    public boolean matchesEverything() {
      return users.isEmpty()
          && userGroups.isEmpty()
          && verbs.isEmpty()
          && resources.isEmpty()
          && namespaces.isEmpty()
          && nonResourceUrls.isEmpty();
    }

    /** The audit policy's ruleMatches, for one request. */
    public boolean matches(Probe p) {
      if (!users.isEmpty() && !users.contains(p.user())) {
        return false;
      }
      if (!userGroups.isEmpty() && userGroups.stream().noneMatch(p.groups()::contains)) {
        return false;
      }
      if (!verbs.isEmpty() && !verbs.contains(p.verb())) {
        return false;
      }
      if (!p.isResource()) {
        if (!resources.isEmpty() || !namespaces.isEmpty()) {
          return false;
        }
        return nonResourceUrls.isEmpty()
            || nonResourceUrls.stream().anyMatch(u -> urlMatches(u, p.path()));
      }
      if (!nonResourceUrls.isEmpty() && resources.isEmpty() && namespaces.isEmpty()) {
        return false; // a rule about URLs only
      }
      if (!namespaces.isEmpty() && !namespaces.contains(p.namespace())) {
        return false;
      }
      return resources.isEmpty() || resources.stream().anyMatch(g -> g.matches(p));
    }

    private static boolean urlMatches(String pattern, String path) {
      if (pattern.equals("*") || pattern.equals(path)) {
        return true;
      }
      return pattern.endsWith("*") && path.startsWith(pattern.substring(0, pattern.length() - 1));
    }
  }

  /**
   * A {@code resources} entry: one API group and resources in it ({@code pods/exec}, {@code *}).
   */
  public record GroupResources(String group, List<String> resources, List<String> resourceNames) {
    public GroupResources {
      resources = List.copyOf(resources);
      resourceNames = List.copyOf(resourceNames);
    }

    boolean matches(Probe p) {
      if (!group.equals("*") && !group.equals(p.apiGroup())) {
        return false;
      }
      if (resources.isEmpty()) {
        return true;
      }
      String combined =
          p.subresource().isEmpty() ? p.resource() : p.resource() + "/" + p.subresource();
      for (String r : resources) {
        if (r.equals("*") || r.equals(combined)) {
          return true;
        }
        if (r.equals(p.resource() + "/*") && !p.subresource().isEmpty()) {
          return true;
        }
        if (r.equals("*/" + p.subresource()) && !p.subresource().isEmpty()) {
          return true;
        }
      }
      return false;
    }
  }

  /** What the policy records of a request: its level and the stages it leaves out. */
  public record Decision(AuditLevel level, Set<String> omitStages, int ruleIndex) {
    public boolean records(String stage) {
      return level != AuditLevel.NONE && !omitStages.contains(stage);
    }
  }

  /** The level and stages for a request; rule index -1 when no rule matched. */
  public Decision decide(Probe p) {
    for (int i = 0; i < rules.size(); i++) {
      PolicyRule r = rules.get(i);
      if (r.matches(p)) {
        Set<String> stages = new LinkedHashSet<>(omitStages);
        stages.addAll(r.omitStages());
        return new Decision(r.level(), stages, i);
      }
    }
    return new Decision(AuditLevel.NONE, omitStages, -1);
  }

  /**
   * Reads a Policy tree. Unknown levels are kept as {@code None} with their word, so that the lint
   * can name them; entries that are not objects are skipped.
   */
  public static AuditPolicy read(JsonNode policy) {
    List<PolicyRule> rules = new ArrayList<>();
    JsonNode list = policy.path("rules");
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.path(i);
      if (!r.isObject()) {
        continue;
      }
      String word = r.path("level").asString("");
      List<GroupResources> groups = new ArrayList<>();
      for (JsonNode g : r.path("resources")) {
        groups.add(
            new GroupResources(
                g.path("group").asString(""),
                strings(g.path("resources")),
                strings(g.path("resourceNames"))));
      }
      rules.add(
          new PolicyRule(
              JsonPointer.of("rules", Integer.toString(i)),
              AuditLevel.parse(word).orElse(AuditLevel.NONE),
              word,
              strings(r.path("users")),
              strings(r.path("userGroups")),
              strings(r.path("verbs")),
              groups,
              strings(r.path("namespaces")),
              strings(r.path("nonResourceURLs")),
              new LinkedHashSet<>(strings(r.path("omitStages")))));
    }
    return new AuditPolicy(rules, new LinkedHashSet<>(strings(policy.path("omitStages"))));
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
}
