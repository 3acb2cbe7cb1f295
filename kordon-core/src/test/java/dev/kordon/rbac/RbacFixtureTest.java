package dev.kordon.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * who-can, can, risks and paths over {@code rbac/cluster.yaml}: default system roles plus planted
 * escalation paths, whose expected answers the fixture's header lists.
 */
class RbacFixtureTest {

  private static final Snapshot CLUSTER = Manifests.resource("cluster.yaml");
  private static final RbacGraph GRAPH = RbacGraph.of(CLUSTER);

  private static List<String> whoCan(String verb, String group, String resource, String ns) {
    Request.Resource r = GRAPH.normalize(Request.resource(verb, group, resource, ns));
    List<Access> found = ns.isEmpty() ? GRAPH.whoCanAnywhere(r) : GRAPH.whoCan(r);
    return found.stream()
        .map(a -> a.subject().spec() + " via " + a.grant().binding().name())
        .distinct()
        .toList();
  }

  @Test
  void whoCanListSecretsAnywhereFollowsAggregationAndBindingScope() {
    assertThat(whoCan("list", "", "secrets", ""))
        .containsExactlyInAnyOrder(
            "group:system:masters via cluster-admin",
            "serviceaccount:kube-system:admin-bot via admin-bot",
            "serviceaccount:dev:backup-operator via backup-operator",
            "group:developers via dev-team",
            "group:viewers via viewers");
  }

  @Test
  void whoCanExecInDevIsOnlyClusterWideGrants() {
    assertThat(whoCan("create", "", "pods/exec", "dev"))
        .containsExactlyInAnyOrder(
            "group:system:masters via cluster-admin",
            "serviceaccount:kube-system:admin-bot via admin-bot");
    assertThat(whoCan("create", "", "pods/exec", "prod")).contains("group:developers via dev-team");
  }

  @Test
  void whoCanGetNodesProxyIsClusterScoped() {
    assertThat(whoCan("get", "", "nodes/proxy", "prod"))
        .containsExactlyInAnyOrder(
            "group:system:masters via cluster-admin",
            "serviceaccount:kube-system:admin-bot via admin-bot",
            "serviceaccount:monitoring:prometheus via prometheus");
  }

  @Test
  void whoCanCreateClusterRoleBindingsIgnoresTheRoleBindingOfAlice() {
    assertThat(whoCan("create", "rbac.authorization.k8s.io", "clusterrolebindings", "team-a"))
        .containsExactlyInAnyOrder(
            "group:system:masters via cluster-admin",
            "serviceaccount:kube-system:admin-bot via admin-bot",
            "user:bob via bob-delegates");
  }

  @Test
  void canListsMergedPermissionsPerScope() {
    List<Permissions.Row> rows =
        Permissions.of(
            GRAPH, Subject.parse("serviceaccount:dev:backup-operator"), Optional.empty());
    List<String> text =
        rows.stream()
            .map(r -> r.scope() + " " + r.resource() + r.nonResourceUrl() + " " + r.verbs())
            .toList();
    assertThat(text)
        .contains("cluster secrets [get, list]", "cluster configmaps [get, list]")
        .contains("cluster /healthz [get]")
        .contains("cluster selfsubjectaccessreviews.authorization.k8s.io [create]");
    List<Permissions.Row> vendor =
        Permissions.of(
            GRAPH, Subject.parse("serviceaccount:team-a:token-vendor"), Optional.of("team-a"));
    assertThat(vendor)
        .anySatisfy(
            r -> {
              assertThat(r.scope()).isEqualTo("team-a");
              assertThat(r.resource()).isEqualTo("serviceaccounts/token");
              assertThat(r.verbs()).containsExactly("create");
            });
  }

  @Test
  void canForAliceDropsClusterScopedRulesOfHerRoleBinding() {
    List<Permissions.Row> rows =
        Permissions.of(GRAPH, Subject.parse("user:alice"), Optional.empty());
    assertThat(rows).noneMatch(r -> r.resource().startsWith("clusterrolebindings"));
    assertThat(rows)
        .anyMatch(r -> r.scope().equals("team-a") && r.resource().startsWith("clusterroles."));
  }

  private static List<String> holders(String riskId) {
    return RiskCatalog.builtIn().holders(GRAPH).stream()
        .filter(h -> h.risk().id().equals(riskId))
        .map(h -> h.subject().spec() + (h.namespace().isEmpty() ? "" : " in " + h.namespace()))
        .distinct()
        .toList();
  }

  @Test
  void risksNameThePlantedHolders() {
    assertThat(holders("bind-cluster"))
        .containsExactlyInAnyOrder(
            "group:system:masters", "serviceaccount:kube-system:admin-bot", "user:bob");
    assertThat(holders("impersonate"))
        .containsExactlyInAnyOrder(
            "group:system:masters", "serviceaccount:kube-system:admin-bot", "group:support");
    assertThat(holders("escalate-cluster"))
        .containsExactlyInAnyOrder(
            "group:system:masters",
            "serviceaccount:kube-system:admin-bot",
            "user:carol",
            "serviceaccount:kube-system:clusterrole-aggregation-controller");
    assertThat(holders("node-proxy"))
        .containsExactlyInAnyOrder(
            "group:system:masters",
            "serviceaccount:kube-system:admin-bot",
            "serviceaccount:monitoring:prometheus");
    assertThat(holders("secrets-read-cluster"))
        .containsExactlyInAnyOrder(
            "group:system:masters",
            "serviceaccount:kube-system:admin-bot",
            "serviceaccount:dev:backup-operator");
    assertThat(holders("secrets-read-namespace"))
        .containsExactlyInAnyOrder("group:developers in prod", "group:viewers in prod");
    assertThat(holders("token-request-namespace"))
        .containsExactlyInAnyOrder(
            "serviceaccount:team-a:token-vendor in team-a", "group:developers in prod");
    assertThat(holders("workload-create-namespace"))
        .containsExactlyInAnyOrder(
            "serviceaccount:dev:ci-deployer in dev", "group:developers in prod");
    assertThat(holders("rbac-escalation-namespace")).containsExactly("user:alice in team-a");
    assertThat(holders("persistent-volume-create"))
        .containsExactlyInAnyOrder("group:system:masters", "serviceaccount:kube-system:admin-bot");
  }

  @Test
  void decoysHoldNoRisk() {
    List<String> all =
        RiskCatalog.builtIn().holders(GRAPH).stream().map(h -> h.subject().spec()).toList();
    assertThat(all).doesNotContain("serviceaccount:team-b:app", "group:system:authenticated");
  }

  private static String render(EscalationPaths.Path p) {
    return p.from().id()
        + ": "
        + p.steps().stream()
            .map(s -> s.action().word() + " -> " + s.to().id())
            .collect(Collectors.joining(", "));
  }

  @Test
  void pathsToClusterAdminAreTheShortestPlantedChains() {
    List<String> paths =
        EscalationPaths.of(CLUSTER).toClusterAdmin(6).stream()
            .map(RbacFixtureTest::render)
            .toList();
    assertThat(paths)
        .containsExactlyInAnyOrder(
            "group:system:masters: system-masters -> cluster-admin",
            "serviceaccount:kube-system:admin-bot: cluster-admin -> cluster-admin",
            "serviceaccount:kube-system:clusterrole-aggregation-controller: escalate -> cluster-admin",
            "user:bob: bind -> cluster-admin",
            "user:carol: escalate -> cluster-admin",
            "group:support: impersonate -> cluster-admin",
            "serviceaccount:monitoring:prometheus: node-proxy -> serviceaccount:kube-system:admin-bot,"
                + " cluster-admin -> cluster-admin",
            "serviceaccount:dev:backup-operator: secret-read -> serviceaccount:kube-system:admin-bot,"
                + " cluster-admin -> cluster-admin",
            "serviceaccount:team-a:deployer: pod-create -> serviceaccount:kube-system:admin-bot,"
                + " cluster-admin -> cluster-admin",
            "serviceaccount:kube-system:replicaset-controller: pod-create ->"
                + " serviceaccount:kube-system:admin-bot, cluster-admin -> cluster-admin",
            "serviceaccount:dev:ci-deployer: pod-create -> serviceaccount:dev:backup-operator,"
                + " secret-read -> serviceaccount:kube-system:admin-bot, cluster-admin -> cluster-admin",
            "serviceaccount:team-a:token-vendor: token-request -> serviceaccount:team-a:deployer,"
                + " pod-create -> serviceaccount:kube-system:admin-bot, cluster-admin -> cluster-admin");
  }

  @Test
  void pathsAreOrderedShortestFirstAndBoundedByMaxSteps() {
    List<EscalationPaths.Path> paths = EscalationPaths.of(CLUSTER).toClusterAdmin(6);
    for (int i = 1; i < paths.size(); i++) {
      assertThat(paths.get(i).length()).isGreaterThanOrEqualTo(paths.get(i - 1).length());
    }
    assertThat(EscalationPaths.of(CLUSTER).toClusterAdmin(2))
        .extracting(p -> p.from().id())
        .doesNotContain("serviceaccount:dev:ci-deployer", "serviceaccount:team-a:token-vendor")
        .contains("serviceaccount:monitoring:prometheus");
  }

  @Test
  void eachStepNamesThePermissionAndTheGrantUsed() {
    EscalationPaths.Path p =
        EscalationPaths.of(CLUSTER)
            .paths(
                PathNode.CLUSTER_ADMIN, List.of(Subject.parse("serviceaccount:dev:ci-deployer")), 6)
            .get(0);
    Step first = p.steps().get(0);
    assertThat(first.permission()).contains("create deployments.apps in dev");
    assertThat(first.access().orElseThrow().grant().binding().name()).isEqualTo("ci-deployer");
    assertThat(first.access().orElseThrow().rule().index()).isZero();
    assertThat(p.steps().get(1).permission()).contains("list secrets in kube-system");
  }

  @Test
  void pathsFromASubjectNoBindingNamesStillUseItsGroups() {
    EscalationPaths graph = EscalationPaths.of(CLUSTER, List.of(Subject.parse("user:nobody")));
    assertThat(graph.paths(PathNode.CLUSTER_ADMIN, List.of(Subject.parse("user:nobody")), 6))
        .isEmpty();
  }
}
