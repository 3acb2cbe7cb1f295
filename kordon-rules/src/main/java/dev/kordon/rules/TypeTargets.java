package dev.kordon.rules;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which kind a rule's or policy's expressions are type-checked against: the one built-in kind it
 * matches. A policy whose resource rules name several kinds, a wildcard, a subresource or a kind
 * the schema does not know (a custom resource) keeps {@code object} and {@code oldObject} {@code
 * dyn}, as the API server's type checker gives up on wildcards and unknown kinds; expressions
 * written for several kinds usually branch on the kind, which no single schema type accepts.
 */
final class TypeTargets {
  private TypeTargets() {}

  static Optional<KubeCel.TypeCheck> forPolicy(
      List<MatchResources.ResourceRule> rules, Optional<AdmissionPolicy.ParamKind> paramKind) {
    if (rules == null || rules.isEmpty()) {
      return Optional.empty();
    }
    KubeSchema schema = KubeSchema.bundled();
    Set<KubeSchema.Kind> kinds = new LinkedHashSet<>();
    for (MatchResources.ResourceRule rule : rules) {
      if (wildcard(rule.apiGroups())
          || wildcard(rule.apiVersions())
          || wildcard(rule.resources())) {
        return Optional.empty();
      }
      for (String group : rule.apiGroups()) {
        for (String version : rule.apiVersions()) {
          for (String resource : rule.resources()) {
            Optional<KubeSchema.Kind> kind =
                resource.contains("/")
                    ? Optional.empty()
                    : schema.resource(group, version, resource);
            if (kind.isEmpty()) {
              return Optional.empty();
            }
            kinds.add(kind.get());
          }
        }
      }
    }
    if (kinds.size() != 1) {
      return Optional.empty();
    }
    return Optional.of(
        check(
            kinds.iterator().next(),
            paramKind.flatMap(p -> schema.kind(p.apiVersion(), p.kind()))));
  }

  /** A rule's {@code match.kinds}: one name, of one built-in kind. */
  static Optional<KubeCel.TypeCheck> forRule(List<String> kindNames) {
    if (kindNames.size() != 1) {
      return Optional.empty();
    }
    List<KubeSchema.Kind> named = KubeSchema.bundled().kindsNamed(kindNames.get(0));
    return named.size() == 1
        ? Optional.of(check(named.get(0), Optional.empty()))
        : Optional.empty();
  }

  private static KubeCel.TypeCheck check(KubeSchema.Kind kind, Optional<KubeSchema.Kind> params) {
    Map<String, KubeSchema.Kind> typed = new HashMap<>();
    typed.put("object", kind);
    typed.put("oldObject", kind);
    params.ifPresent(p -> typed.put("params", p));
    KubeSchema.bundled().kind("v1", "Namespace").ifPresent(n -> typed.put("namespaceObject", n));
    return new KubeCel.TypeCheck(kind.describe(), typed);
  }

  private static boolean wildcard(List<String> values) {
    return values.stream().anyMatch(v -> v.contains("*"));
  }
}
