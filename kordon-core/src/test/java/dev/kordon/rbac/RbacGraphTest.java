package dev.kordon.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.snapshot.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rule of RBAC evaluation, each against a minimal set of objects. */
class RbacGraphTest {

  private static Request.Resource req(String verb, String group, String resource, String ns) {
    return Request.resource(verb, group, resource, ns);
  }

  private static Request.Resource named(
      String verb, String group, String resource, String ns, String name) {
    return Request.resource(verb, group, resource, ns).named(name);
  }

  private static boolean allows(Snapshot s, String subject, Request r) {
    return RbacGraph.of(s).allows(Identity.of(Subject.parse(subject)), r);
  }

  private static String clusterRole(String name, String rules) {
    return "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: "
        + name
        + "}\nrules:\n"
        + rules
        + "\n";
  }

  private static String role(String ns, String name, String rules) {
    return "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: "
        + name
        + ", namespace: "
        + ns
        + "}\nrules:\n"
        + rules
        + "\n";
  }

  private static String crb(String name, String role, String subjects) {
    return "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: "
        + name
        + "}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "
        + role
        + "}\nsubjects:\n"
        + subjects
        + "\n";
  }

  private static String rb(String ns, String name, String roleKind, String role, String subjects) {
    return "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: "
        + name
        + ", namespace: "
        + ns
        + "}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: "
        + roleKind
        + ", name: "
        + role
        + "}\nsubjects:\n"
        + subjects
        + "\n";
  }

  private static final String ALICE = "- {kind: User, name: alice}";

  @Test
  void whoCanListsClusterWideGrantsThenTheNamespacesOwnInEveryNamespace() {
    Snapshot s =
        Manifests.of(
            clusterRole("read", "- {apiGroups: [''], resources: [secrets], verbs: [get]}")
                + clusterRole("none", "- {apiGroups: [''], resources: [pods], verbs: [get]}")
                + crb("b1", "read", ALICE)
                + crb("b2", "none", "- {kind: User, name: carol}")
                + crb("b3", "read", "- {kind: Group, name: ops}\n- {kind: User, name: dave}")
                + rb("dev", "local", "ClusterRole", "read", "- {kind: User, name: bob}")
                + rb("prod", "local", "ClusterRole", "none", "- {kind: User, name: eve}"));
    RbacGraph graph = RbacGraph.of(s);
    // asked several times and in several namespaces: remembered answers must not leak across
    for (int round = 0; round < 2; round++) {
      for (String ns : List.of("dev", "prod", "qa", "")) {
        List<String> who =
            graph.whoCan(req("get", "", "secrets", ns)).stream()
                .map(a -> a.subject().name() + "@" + a.grant().binding().name())
                .toList();
        List<String> expected =
            ns.equals("dev")
                ? List.of("alice@b1", "ops@b3", "dave@b3", "bob@local")
                : List.of("alice@b1", "ops@b3", "dave@b3");
        assertThat(who).as(ns).isEqualTo(expected);
      }
      assertThat(graph.whoCan(req("get", "", "pods", "prod")))
          .extracting(a -> a.subject().name())
          .containsExactly("carol", "eve");
    }
  }

  @Test
  void verbApiGroupAndResourceMustAllMatch() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: [apps], resources: [deployments], verbs: [get]}")
                + crb("b", "r", ALICE));
    assertThat(allows(s, "user:alice", req("get", "apps", "deployments", "dev"))).isTrue();
    assertThat(allows(s, "user:alice", req("list", "apps", "deployments", "dev"))).isFalse();
    assertThat(allows(s, "user:alice", req("get", "", "deployments", "dev"))).isFalse();
    assertThat(allows(s, "user:alice", req("get", "apps", "statefulsets", "dev"))).isFalse();
    assertThat(allows(s, "user:bob", req("get", "apps", "deployments", "dev"))).isFalse();
  }

  @Test
  void wildcardsMatchEveryVerbGroupAndResourceIncludingSubresources() {
    Snapshot s =
        Manifests.of(
            clusterRole("all", "- {apiGroups: ['*'], resources: ['*'], verbs: ['*']}")
                + crb("b", "all", ALICE));
    assertThat(
            allows(
                s, "user:alice", req("escalate", "rbac.authorization.k8s.io", "clusterroles", "")))
        .isTrue();
    assertThat(allows(s, "user:alice", req("create", "", "pods/exec", "dev"))).isTrue();
    assertThat(allows(s, "user:alice", req("get", "example.com", "widgets/status", "dev")))
        .isTrue();
  }

  @Test
  void verbsAreCaseSensitive() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: [''], resources: [pods], verbs: [GET]}")
                + crb("b", "r", ALICE));
    assertThat(allows(s, "user:alice", req("get", "", "pods", "dev"))).isFalse();
  }

  @Test
  void aResourceDoesNotCoverItsSubresources() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: [''], resources: [pods], verbs: ['*']}")
                + crb("b", "r", ALICE));
    assertThat(allows(s, "user:alice", req("create", "", "pods", "dev"))).isTrue();
    assertThat(allows(s, "user:alice", req("create", "", "pods/exec", "dev"))).isFalse();
  }

  @Test
  void starSlashSubresourceMatchesThatSubresourceOfAnyResource() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: ['*'], resources: ['*/scale'], verbs: [update]}")
                + crb("b", "r", ALICE));
    assertThat(allows(s, "user:alice", req("update", "apps", "deployments/scale", "dev"))).isTrue();
    assertThat(allows(s, "user:alice", req("update", "apps", "statefulsets/scale", "dev")))
        .isTrue();
    assertThat(allows(s, "user:alice", req("update", "apps", "deployments", "dev"))).isFalse();
    assertThat(allows(s, "user:alice", req("update", "apps", "deployments/status", "dev")))
        .isFalse();
  }

  @Test
  void resourceSlashStarIsALiteralNotAWildcard() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: [''], resources: ['pods/*'], verbs: [create]}")
                + crb("b", "r", ALICE));
    assertThat(allows(s, "user:alice", req("create", "", "pods/exec", "dev"))).isFalse();
    assertThat(allows(s, "user:alice", req("create", "", "pods", "dev"))).isFalse();
  }

  @Test
  void explicitSubresourceMatchesOnlyItself() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: [''], resources: [pods/exec], verbs: [create]}")
                + crb("b", "r", ALICE));
    assertThat(allows(s, "user:alice", req("create", "", "pods/exec", "dev"))).isTrue();
    assertThat(allows(s, "user:alice", req("create", "", "pods/attach", "dev"))).isFalse();
    assertThat(allows(s, "user:alice", req("create", "", "pods", "dev"))).isFalse();
  }

  @Test
  void resourceNamesRestrictToNamedObjectsAndNeverMatchUnnamedRequests() {
    Snapshot s =
        Manifests.of(
            clusterRole(
                    "r",
                    "- {apiGroups: [''], resources: [secrets, pods/exec], resourceNames: [db],"
                        + " verbs: [get, list, create]}")
                + crb("b", "r", ALICE));
    assertThat(allows(s, "user:alice", named("get", "", "secrets", "dev", "db"))).isTrue();
    assertThat(allows(s, "user:alice", named("get", "", "secrets", "dev", "other"))).isFalse();
    assertThat(allows(s, "user:alice", req("list", "", "secrets", "dev"))).isFalse();
    // list restricted by fieldSelector metadata.name=db carries the name
    assertThat(allows(s, "user:alice", named("list", "", "secrets", "dev", "db"))).isTrue();
    // create on a subresource names the parent object
    assertThat(allows(s, "user:alice", named("create", "", "pods/exec", "dev", "db"))).isTrue();
    assertThat(allows(s, "user:alice", req("create", "", "pods/exec", "dev"))).isFalse();
  }

  @Test
  void nonResourceUrlsMatchExactlyOrByTrailingStar() {
    Snapshot s =
        Manifests.of(
            clusterRole(
                    "r", "- {nonResourceURLs: [/healthz, '/metrics*', '/logs/*'], verbs: [get]}")
                + crb("b", "r", ALICE));
    Identity alice = Identity.of(Subject.user("alice"));
    RbacGraph g = RbacGraph.of(s);
    assertThat(g.allows(alice, new Request.NonResource("get", "/healthz"))).isTrue();
    assertThat(g.allows(alice, new Request.NonResource("get", "/healthz/etcd"))).isFalse();
    assertThat(g.allows(alice, new Request.NonResource("get", "/metrics"))).isTrue();
    assertThat(g.allows(alice, new Request.NonResource("get", "/metrics/cadvisor"))).isTrue();
    assertThat(g.allows(alice, new Request.NonResource("get", "/logs/kube.log"))).isTrue();
    assertThat(g.allows(alice, new Request.NonResource("get", "/logs"))).isFalse();
    assertThat(g.allows(alice, new Request.NonResource("post", "/healthz"))).isFalse();
  }

  @Test
  void nonResourceUrlsAreIneffectiveThroughARoleBinding() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {nonResourceURLs: ['*'], verbs: ['*']}")
                + rb("dev", "b", "ClusterRole", "r", ALICE));
    assertThat(
            RbacGraph.of(s)
                .allows(
                    Identity.of(Subject.user("alice")), new Request.NonResource("get", "/metrics")))
        .isFalse();
  }

  @Test
  void roleBindingToClusterRoleGrantsOnlyInTheBindingsNamespace() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: [''], resources: [secrets, nodes], verbs: [get, list]}")
                + rb("dev", "b", "ClusterRole", "r", ALICE));
    RbacGraph g = RbacGraph.of(s);
    assertThat(allows(s, "user:alice", req("list", "", "secrets", "dev"))).isTrue();
    assertThat(allows(s, "user:alice", req("list", "", "secrets", "prod"))).isFalse();
    // across all namespaces: only ClusterRoleBindings decide
    assertThat(allows(s, "user:alice", req("list", "", "secrets", ""))).isFalse();
    // a cluster-scoped resource in the ClusterRole is ineffective through a RoleBinding
    assertThat(allows(s, "user:alice", g.normalize(req("list", "", "nodes", "dev")))).isFalse();
  }

  @Test
  void clusterRoleBindingGrantsEveryNamespaceAndCrossNamespaceRequests() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: [''], resources: [secrets], verbs: [list]}")
                + crb("b", "r", ALICE));
    assertThat(allows(s, "user:alice", req("list", "", "secrets", "dev"))).isTrue();
    assertThat(allows(s, "user:alice", req("list", "", "secrets", ""))).isTrue();
  }

  @Test
  void roleBindingReferencesARoleOfItsOwnNamespaceOnly() {
    Snapshot s =
        Manifests.of(
            role("prod", "r", "- {apiGroups: [''], resources: [pods], verbs: [get]}")
                + rb("dev", "b", "Role", "r", ALICE));
    assertThat(allows(s, "user:alice", req("get", "", "pods", "dev"))).isFalse();
    assertThat(allows(s, "user:alice", req("get", "", "pods", "prod"))).isFalse();
    assertThat(RbacGraph.of(s).danglingBindings()).hasSize(1);
  }

  @Test
  void aBindingToAMissingRoleGrantsNothing() {
    Snapshot s = Manifests.of(crb("b", "does-not-exist", ALICE));
    assertThat(RbacGraph.of(s).whoCan(req("get", "", "pods", "dev"))).isEmpty();
    assertThat(RbacGraph.of(s).danglingBindings()).extracting(Binding::name).containsExactly("b");
  }

  @Test
  void namespaceObjectItselfIsInItsOwnNamespace() {
    Snapshot s =
        Manifests.of(
            clusterRole(
                    "r", "- {apiGroups: [''], resources: [namespaces], verbs: [get, patch, list]}")
                + rb("dev", "b", "ClusterRole", "r", ALICE));
    RbacGraph g = RbacGraph.of(s);
    assertThat(allows(s, "user:alice", g.normalize(named("patch", "", "namespaces", "", "dev"))))
        .isTrue();
    assertThat(allows(s, "user:alice", g.normalize(named("patch", "", "namespaces", "", "prod"))))
        .isFalse();
    assertThat(allows(s, "user:alice", g.normalize(req("list", "", "namespaces", "dev"))))
        .isFalse();
  }

  @Test
  void serviceAccountSubjectDefaultsToTheRoleBindingsNamespace() {
    Snapshot s =
        Manifests.of(
            role("dev", "r", "- {apiGroups: [''], resources: [pods], verbs: [get]}")
                + rb("dev", "b", "Role", "r", "- {kind: ServiceAccount, name: ci}"));
    assertThat(allows(s, "serviceaccount:dev:ci", req("get", "", "pods", "dev"))).isTrue();
    assertThat(allows(s, "serviceaccount:prod:ci", req("get", "", "pods", "dev"))).isFalse();
  }

  @Test
  void serviceAccountWithoutNamespaceInAClusterRoleBindingNeverMatches() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: [''], resources: [pods], verbs: [get]}")
                + crb("b", "r", "- {kind: ServiceAccount, name: ci}"));
    assertThat(RbacGraph.of(s).whoCan(req("get", "", "pods", "dev"))).isEmpty();
  }

  @Test
  void serviceAccountMatchesItsUserNameForm() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: [''], resources: [pods], verbs: [get]}")
                + crb("b", "r", "- {kind: User, name: 'system:serviceaccount:dev:ci'}"));
    assertThat(allows(s, "serviceaccount:dev:ci", req("get", "", "pods", "dev"))).isTrue();
    assertThat(allows(s, "user:system:serviceaccount:dev:ci", req("get", "", "pods", "dev")))
        .isTrue();
    assertThat(allows(s, "serviceaccount:dev:other", req("get", "", "pods", "dev"))).isFalse();
    assertThat(RbacGraph.of(s).subjects()).containsExactly(Subject.serviceAccount("dev", "ci"));
  }

  @Test
  void implicitGroupsReachTheirMembers() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: [''], resources: [pods], verbs: [get]}")
                + clusterRole("w", "- {apiGroups: [''], resources: [pods], verbs: [watch]}")
                + clusterRole("l", "- {apiGroups: [''], resources: [pods], verbs: [list]}")
                + clusterRole("d", "- {apiGroups: [''], resources: [pods], verbs: [delete]}")
                + crb("all-sa", "r", "- {kind: Group, name: 'system:serviceaccounts'}")
                + crb("dev-sa", "w", "- {kind: Group, name: 'system:serviceaccounts:dev'}")
                + crb("authn", "l", "- {kind: Group, name: 'system:authenticated'}")
                + crb("anon", "d", "- {kind: Group, name: 'system:unauthenticated'}"));
    Request.Resource get = req("get", "", "pods", "x");
    Request.Resource watch = req("watch", "", "pods", "x");
    Request.Resource list = req("list", "", "pods", "x");
    Request.Resource delete = req("delete", "", "pods", "x").named("p");
    assertThat(allows(s, "serviceaccount:dev:a", get)).isTrue();
    assertThat(allows(s, "serviceaccount:prod:a", get)).isTrue();
    assertThat(allows(s, "user:alice", get)).isFalse();
    assertThat(allows(s, "serviceaccount:dev:a", watch)).isTrue();
    assertThat(allows(s, "serviceaccount:prod:a", watch)).isFalse();
    assertThat(allows(s, "user:alice", list)).isTrue();
    assertThat(allows(s, "serviceaccount:prod:a", list)).isTrue();
    assertThat(allows(s, "user:system:anonymous", list)).isFalse();
    assertThat(allows(s, "user:system:anonymous", delete)).isTrue();
    assertThat(allows(s, "user:alice", delete)).isFalse();
  }

  @Test
  void systemMastersIsAllowedEverythingWithoutAnyBinding() {
    Snapshot s =
        Manifests.of(clusterRole("r", "- {apiGroups: [''], resources: [pods], verbs: [get]}"));
    assertThat(allows(s, "group:system:masters", req("delete", "", "nodes", ""))).isTrue();
    assertThat(allows(s, "group:devs", req("delete", "", "nodes", ""))).isFalse();
  }

  @Test
  void unknownSubjectKindsNeverMatch() {
    Snapshot s =
        Manifests.of(
            clusterRole("r", "- {apiGroups: [''], resources: [pods], verbs: [get]}")
                + crb("b", "r", "- {kind: Robot, name: alice}"));
    assertThat(RbacGraph.of(s).whoCan(req("get", "", "pods", "dev"))).isEmpty();
  }

  @Test
  void aggregatedClusterRoleIsTheUnionOfTheRolesItsSelectorsMatch() {
    String agg =
        "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
            + "metadata: {name: monitoring}\n"
            + "aggregationRule:\n  clusterRoleSelectors:\n"
            + "  - matchLabels: {example.com/aggregate-to-monitoring: 'true'}\n"
            + "  - matchExpressions: [{key: tier, operator: In, values: [obs]}]\n"
            + "rules: []\n";
    String part1 =
        "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
            + "metadata: {name: p1, labels: {example.com/aggregate-to-monitoring: 'true'}}\n"
            + "rules: [{apiGroups: [''], resources: [pods], verbs: [get]}]\n";
    String part2 =
        "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
            + "metadata: {name: p2, labels: {tier: obs}}\n"
            + "rules: [{apiGroups: [''], resources: [services], verbs: [list]}]\n";
    String other =
        "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
            + "metadata: {name: p3, labels: {tier: web}}\n"
            + "rules: [{apiGroups: [''], resources: [secrets], verbs: [get]}]\n";
    Snapshot s = Manifests.of(agg + part1 + part2 + other + crb("b", "monitoring", ALICE));
    assertThat(allows(s, "user:alice", req("get", "", "pods", "dev"))).isTrue();
    assertThat(allows(s, "user:alice", req("list", "", "services", "dev"))).isTrue();
    assertThat(allows(s, "user:alice", req("get", "", "secrets", "dev"))).isFalse();
    assertThat(RbacGraph.of(s).clusterRole("monitoring").orElseThrow().aggregated()).isTrue();
  }

  @Test
  void aggregationResolvesChainsToAFixedPointLikeViewEditAdmin() {
    String yaml =
        "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: admin}\n"
            + "aggregationRule: {clusterRoleSelectors: [{matchLabels: {to-admin: 'true'}}]}\n"
            + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
            + "metadata: {name: edit, labels: {to-admin: 'true'}}\n"
            + "aggregationRule: {clusterRoleSelectors: [{matchLabels: {to-edit: 'true'}}]}\n"
            + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
            + "metadata: {name: view, labels: {to-edit: 'true'}}\n"
            + "aggregationRule: {clusterRoleSelectors: [{matchLabels: {to-view: 'true'}}]}\n"
            + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
            + "metadata: {name: crd-view, labels: {to-view: 'true'}}\n"
            + "rules: [{apiGroups: [example.com], resources: [widgets], verbs: [get]}]\n"
            + rb("dev", "b", "ClusterRole", "admin", ALICE);
    Snapshot s = Manifests.of(yaml);
    assertThat(allows(s, "user:alice", req("get", "example.com", "widgets", "dev"))).isTrue();
    assertThat(allows(s, "user:alice", req("get", "example.com", "widgets", "prod"))).isFalse();
  }

  @Test
  void whoCanNamesBindingRoleAndScope() {
    Snapshot s =
        Manifests.of(
            clusterRole("reader", "- {apiGroups: [''], resources: [secrets], verbs: [get]}")
                + role(
                    "dev", "dev-reader", "- {apiGroups: [''], resources: [secrets], verbs: [get]}")
                + crb("global", "reader", "- {kind: Group, name: auditors}")
                + rb("dev", "local", "Role", "dev-reader", "- {kind: ServiceAccount, name: ci}")
                + rb("prod", "other", "ClusterRole", "reader", ALICE));
    RbacGraph g = RbacGraph.of(s);
    List<Access> dev = g.whoCan(req("get", "", "secrets", "dev"));
    assertThat(dev)
        .extracting(a -> a.subject().display() + " " + a.grant().via() + " " + a.grant().scope())
        .containsExactly(
            "Group auditors ClusterRoleBinding global -> ClusterRole reader cluster",
            "ServiceAccount dev/ci RoleBinding dev/local -> Role dev/dev-reader namespace");
    assertThat(g.whoCanAnywhere(req("get", "", "secrets", "")))
        .extracting(a -> a.subject().display())
        .containsExactly("Group auditors", "ServiceAccount dev/ci", "User alice");
  }

  @Test
  void roleAndBindingWithoutNamespaceLandInDefaultAsKubectlApplyPutsThem() {
    String yaml =
        "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n"
            + "rules: [{apiGroups: [''], resources: [pods], verbs: [get]}]\n"
            + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\n"
            + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\n"
            + "subjects: [{kind: ServiceAccount, name: app}]\n";
    Snapshot s = Manifests.of(yaml);
    assertThat(allows(s, "serviceaccount:default:app", req("get", "", "pods", "default"))).isTrue();
    assertThat(allows(s, "serviceaccount:default:app", req("get", "", "pods", "dev"))).isFalse();
  }

  @Test
  void bootstrapClusterRolesStandInWhenTheInputsLackThem() {
    Snapshot s =
        Manifests.of(
            crb("admins", "cluster-admin", ALICE)
                + rb("dev", "team", "ClusterRole", "edit", "- {kind: User, name: bob}")
                + rb("dev", "viewers", "ClusterRole", "view", "- {kind: User, name: carol}"));
    assertThat(allows(s, "user:alice", req("delete", "", "nodes", ""))).isTrue();
    // edit aggregates view, and can read secrets and impersonate service accounts in its namespace
    assertThat(allows(s, "user:bob", req("list", "apps", "deployments", "dev"))).isTrue();
    assertThat(allows(s, "user:bob", req("get", "", "secrets", "dev"))).isTrue();
    assertThat(allows(s, "user:bob", req("impersonate", "", "serviceaccounts", "dev"))).isTrue();
    assertThat(allows(s, "user:bob", req("get", "", "secrets", "prod"))).isFalse();
    assertThat(allows(s, "user:bob", req("create", "rbac.authorization.k8s.io", "roles", "dev")))
        .as("roles are admin's, not edit's")
        .isFalse();
    // view never reads secrets
    assertThat(allows(s, "user:carol", req("get", "", "pods", "dev"))).isTrue();
    assertThat(allows(s, "user:carol", req("get", "", "secrets", "dev"))).isFalse();
  }

  @Test
  void aScannedClusterRoleReplacesTheBootstrapDefault() {
    Snapshot s =
        Manifests.of(
            clusterRole("edit", "- {apiGroups: [\"\"], resources: [configmaps], verbs: [get]}")
                + rb("dev", "team", "ClusterRole", "edit", ALICE));
    assertThat(allows(s, "user:alice", req("get", "", "configmaps", "dev"))).isTrue();
    assertThat(allows(s, "user:alice", req("get", "", "secrets", "dev"))).isFalse();
  }
}
