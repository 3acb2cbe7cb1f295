package dev.kordon.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rule.allows against RuleAllows written with the combined strings, as it was. */
class RuleMatchTest {

  private static boolean combinedAllows(Rule rule, Request.Resource r) {
    String combined =
        r.subresource().isEmpty() ? r.resource() : r.resource() + "/" + r.subresource();
    boolean resource = false;
    for (String res : rule.resources()) {
      if (res.equals("*")
          || res.equals(combined)
          || (!r.subresource().isEmpty() && res.equals("*/" + r.subresource()))) {
        resource = true;
        break;
      }
    }
    return (rule.verbs().contains("*") || rule.verbs().contains(r.verb()))
        && (rule.apiGroups().contains("*") || rule.apiGroups().contains(r.apiGroup()))
        && resource
        && (rule.resourceNames().isEmpty()
            || r.anyName()
            || (!r.name().isEmpty() && rule.resourceNames().contains(r.name())));
  }

  private static <T> List<T> some(Random random, List<T> from) {
    List<T> out = new ArrayList<>();
    for (T t : from) {
      if (random.nextInt(3) == 0) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void resourceMatchingAsWithCombinedStrings() {
    List<String> resources =
        List.of(
            "*",
            "pods",
            "pods/exec",
            "*/exec",
            "pods/*",
            "*/*",
            "pods/",
            "/exec",
            "secrets",
            "a/b/c",
            "*/b/c",
            "podsexec",
            "exec");
    List<String> names = List.of("pods", "secrets", "a", "a/b", "", "*");
    List<String> subs = List.of("", "exec", "c", "b/c", "*");
    Random random = new Random(100);
    for (int n = 0; n < 20000; n++) {
      Rule rule =
          new Rule(
              some(random, List.of("*", "get", "create")),
              some(random, List.of("*", "", "apps")),
              some(random, resources),
              some(random, List.of("x", "y")),
              List.of(),
              null,
              0);
      Request.Resource r =
          new Request.Resource(
              random.nextBoolean() ? "get" : "create",
              random.nextBoolean() ? "" : "apps",
              names.get(random.nextInt(names.size())),
              subs.get(random.nextInt(subs.size())),
              random.nextBoolean() ? "" : "dev",
              random.nextBoolean() ? "" : "x",
              random.nextBoolean());
      assertThat(rule.allows(r)).as("%s %s", rule, r).isEqualTo(combinedAllows(rule, r));
      // no rule reads the namespace: RbacGraph remembers answers without it
      assertThat(rule.allows(r.inNamespace("other"))).isEqualTo(rule.allows(r));
    }
  }
}
