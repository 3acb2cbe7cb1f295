package dev.kordon.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the evaluator over random RBAC objects, each case generated from a fixed seed shown
 * in its name, so that a failure replays.
 */
class RbacPropertiesTest {

  private static final List<String> VERBS = List.of("get", "list", "create", "update", "*", "bind");
  private static final List<String> GROUPS = List.of("", "apps", "*");
  private static final List<String> RESOURCES =
      List.of("pods", "pods/exec", "secrets", "deployments", "*", "*/scale", "deployments/scale");
  private static final List<String> NAMESPACES = List.of("a", "b");
  private static final List<String> SUBJECTS =
      List.of(
          "{kind: User, name: u1}",
          "{kind: User, name: u2}",
          "{kind: Group, name: g1}",
          "{kind: Group, name: 'system:authenticated'}",
          "{kind: Group, name: 'system:serviceaccounts:a'}",
          "{kind: ServiceAccount, name: s1}",
          "{kind: ServiceAccount, name: s2, namespace: b}");
  private static final List<String> IDENTITIES =
      List.of(
          "user:u1",
          "user:u2",
          "group:g1",
          "serviceaccount:a:s1",
          "serviceaccount:b:s1",
          "serviceaccount:b:s2");

  static Stream<Long> seeds() {
    return IntStream.range(0, 40).mapToObj(i -> 7919L * i + 17);
  }

  private static <T> T pick(Random r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }

  private static String rule(Random r) {
    String names = r.nextInt(4) == 0 ? ", resourceNames: [x]" : "";
    return "- {apiGroups: ['"
        + pick(r, GROUPS)
        + "'], resources: ['"
        + pick(r, RESOURCES)
        + "'], verbs: ['"
        + pick(r, VERBS)
        + "']"
        + names
        + "}\n";
  }

  /** Random roles and bindings: three ClusterRoles, Roles and bindings in two namespaces. */
  private static List<String> objects(Random r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      out.add(
          "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: c"
              + i
              + "}\nrules:\n"
              + rule(r)
              + rule(r));
    }
    for (String ns : NAMESPACES) {
      out.add(
          "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: "
              + ns
              + "}\nrules:\n"
              + rule(r));
    }
    for (int i = 0; i < 5; i++) {
      boolean cluster = r.nextBoolean();
      String role =
          r.nextInt(3) == 0 && !cluster
              ? "kind: Role, name: r"
              : "kind: ClusterRole, name: c" + r.nextInt(3);
      String head =
          cluster
              ? "kind: ClusterRoleBinding\nmetadata: {name: b" + i + "}\n"
              : "kind: RoleBinding\nmetadata: {name: b"
                  + i
                  + ", namespace: "
                  + pick(r, NAMESPACES)
                  + "}\n";
      out.add(
          "apiVersion: rbac.authorization.k8s.io/v1\n"
              + head
              + "roleRef: {apiGroup: rbac.authorization.k8s.io, "
              + role
              + "}\nsubjects:\n- "
              + pick(r, SUBJECTS)
              + "\n- "
              + pick(r, SUBJECTS)
              + "\n");
    }
    return out;
  }

  private static List<Request.Resource> requests(Random r) {
    List<Request.Resource> out = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String res =
          pick(r, List.of("pods", "pods/exec", "secrets", "deployments", "deployments/scale"));
      Request.Resource q =
          Request.resource(
              pick(r, List.of("get", "list", "create", "update", "bind")),
              pick(r, List.of("", "apps")),
              res,
              pick(r, List.of("a", "b", "")));
      out.add(r.nextBoolean() ? q.named("x") : q);
    }
    return out;
  }

  private static Set<String> answers(Snapshot s, Request.Resource q) {
    Set<String> out = new HashSet<>();
    for (Access a : RbacGraph.of(s).whoCan(q)) {
      out.add(a.subject().spec());
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void addingARuleNeverRemovesAWhoCanAnswer(long seed) {
    Random r = new Random(seed);
    List<String> objs = objects(r);
    Snapshot before = Manifests.of(String.join("---\n", objs));
    int victim = r.nextInt(3);
    List<String> more = new ArrayList<>(objs);
    more.set(victim, objs.get(victim) + rule(r));
    Snapshot after = Manifests.of(String.join("---\n", more));
    for (Request.Resource q : requests(r)) {
      assertThat(answers(after, q)).as("%s", q).containsAll(answers(before, q));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void whoCanAgreesWithPerIdentityEvaluation(long seed) {
    Random r = new Random(seed);
    Snapshot s = Manifests.of(String.join("---\n", objects(r)));
    RbacGraph g = RbacGraph.of(s);
    for (Request.Resource q : requests(r)) {
      for (String spec : IDENTITIES) {
        Identity id = Identity.of(Subject.parse(spec));
        boolean byWhoCan = false;
        for (Access a : g.whoCan(q)) {
          byWhoCan |= id.matches(a.subject());
        }
        assertThat(g.allows(id, q)).as("%s for %s", q, spec).isEqualTo(byWhoCan);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyListedPermissionIsAllowedByTheEvaluator(long seed) {
    Random r = new Random(seed);
    Snapshot s = Manifests.of(String.join("---\n", objects(r)));
    RbacGraph g = RbacGraph.of(s);
    for (String spec : IDENTITIES) {
      Identity id = Identity.of(Subject.parse(spec));
      for (Permissions.Row row :
          Permissions.of(g, Subject.parse(spec), java.util.Optional.empty())) {
        if (row.resource().isEmpty() || row.resource().contains("*")) {
          continue;
        }
        String group = row.resource().contains(".") ? "apps" : "";
        String resource = row.resource().replace(".apps", "");
        String ns = row.scope().equals("cluster") ? "" : row.scope();
        String name = row.resourceNames().isEmpty() ? "" : row.resourceNames().get(0);
        for (String verb : row.verbs()) {
          if (verb.equals("*")) {
            continue;
          }
          Request.Resource q = Request.resource(verb, group, resource, ns);
          if (!name.isEmpty()) {
            q = q.named(name);
          }
          assertThat(g.allows(id, g.normalize(q))).as("%s may %s", spec, q).isTrue();
        }
      }
    }
  }
}
