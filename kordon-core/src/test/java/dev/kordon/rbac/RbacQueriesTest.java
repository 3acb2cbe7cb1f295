package dev.kordon.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The query API the command line calls: who-can questions as people type them, the risk listing and
 * the path listing, each with the filtering and ordering that used to live in the CLI.
 */
class RbacQueriesTest {

  private static final String RBAC =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: scaler}
      rules:
        - {apiGroups: [apps], resources: [deployments/scale], verbs: [update]}
        - {nonResourceURLs: [/metrics], verbs: [get]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: scaler}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: scaler}
      subjects: [{kind: User, name: alice}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: reader, namespace: prod}
      rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: reader, namespace: prod}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
      subjects: [{kind: ServiceAccount, name: app, namespace: prod}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: everyone-admin}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
      subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: controller}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
      subjects: [{kind: User, name: "system:kube-controller-manager"}]
      """;

  private final Snapshot snapshot = Manifests.of(RBAC);
  private final RbacGraph graph = RbacGraph.of(snapshot);

  private static WhoCanQuery ask(String verb, String resource, String namespace) {
    return new WhoCanQuery(verb, resource, namespace, "", Optional.empty());
  }

  private static List<String> subjects(WhoCanQuery.Answer answer) {
    return answer.grants().stream().map(a -> a.grant().subject().display()).distinct().toList();
  }

  @Test
  void theApiGroupIsGuessedFromWellKnownResources() {
    Request request = ask("update", "deployments/scale", "").request(graph);
    assertThat(request).isInstanceOf(Request.Resource.class);
    assertThat(((Request.Resource) request).apiGroup()).isEqualTo("apps");
    assertThat(subjects(ask("update", "deployments/scale", "").answer(graph)))
        .contains("User alice");
  }

  @Test
  void aGroupWrittenAfterADotWinsAndAnExplicitGroupWinsOverBoth() {
    Request dotted = ask("update", "deployments.apps/scale", "").request(graph);
    assertThat(((Request.Resource) dotted).apiGroup()).isEqualTo("apps");
    Request core =
        new WhoCanQuery("update", "deployments/scale", "", "", Optional.of("")).request(graph);
    assertThat(((Request.Resource) core).apiGroup()).isEmpty();
    assertThat(
            subjects(
                new WhoCanQuery("update", "deployments/scale", "", "", Optional.of(""))
                    .answer(graph)))
        .doesNotContain("User alice");
  }

  @Test
  void aPathIsANonResourceRequest() {
    WhoCanQuery.Answer answer = ask("get", "/metrics", "").answer(graph);
    assertThat(answer.asked()).isEqualTo("get /metrics");
    assertThat(subjects(answer)).contains("User alice");
  }

  @Test
  void withoutANamespaceRoleBindingsOfEveryNamespaceAnswer() {
    WhoCanQuery.Answer anywhere = ask("get", "secrets", "").answer(graph);
    assertThat(anywhere.asked()).contains("in any namespace");
    assertThat(subjects(anywhere)).contains("ServiceAccount prod/app");
    assertThat(subjects(ask("get", "secrets", "dev").answer(graph)))
        .doesNotContain("ServiceAccount prod/app");
  }

  @Test
  void aNamespaceGivenForAClusterScopedResourceIsReportedAsIgnored() {
    assertThat(ask("get", "nodes", "prod").answer(graph).ignoredNamespace()).isEqualTo("nodes");
    assertThat(ask("get", "pods", "prod").answer(graph).ignoredNamespace()).isEmpty();
  }

  @Test
  void risksAreFilteredBySeverityAndOrderedMostSevereFirst() {
    RiskListing all = RiskListing.of(RiskCatalog.builtIn(), graph, Severity.LOW, false);
    assertThat(all.shown()).isNotEmpty();
    for (int i = 1; i < all.shown().size(); i++) {
      assertThat(RiskListing.ORDER.compare(all.shown().get(i - 1), all.shown().get(i)))
          .isLessThanOrEqualTo(0);
    }
    assertThat(all.shown().get(0).risk().severity()).isEqualTo(Severity.CRITICAL);
    RiskListing critical = RiskListing.of(RiskCatalog.builtIn(), graph, Severity.CRITICAL, false);
    assertThat(critical.shown()).allMatch(h -> h.risk().severity() == Severity.CRITICAL);
    assertThat(critical.shown().size()).isLessThan(all.shown().size());
  }

  @Test
  void builtInIdentitiesAreCountedApartButBroadGroupsNever() {
    RiskListing hidden = RiskListing.of(RiskCatalog.builtIn(), graph, Severity.LOW, false);
    assertThat(hidden.shown())
        .noneMatch(h -> h.subject().name().equals("system:kube-controller-manager"));
    assertThat(hidden.shown()).anyMatch(h -> h.subject().name().equals("system:authenticated"));
    assertThat(hidden.hidden()).isPositive();
    RiskListing all = RiskListing.of(RiskCatalog.builtIn(), graph, Severity.LOW, true);
    assertThat(all.hidden()).isZero();
    assertThat(all.shown().size()).isEqualTo(hidden.shown().size() + hidden.hidden());
  }

  @Test
  void pathsStartFromEveryIdentityOrFromOneAndHideBuiltInSources() {
    PathListing fromAnyone =
        PathListing.of(snapshot, Optional.empty(), PathListing.target("cluster-admin"), 6, false);
    assertThat(fromAnyone.paths())
        .extracting(p -> ((PathNode.Holder) p.from()).subject().name())
        .contains("system:authenticated")
        .doesNotContain("system:kube-controller-manager");
    assertThat(fromAnyone.hidden()).isPositive();
    PathListing fromAlice =
        PathListing.of(
            snapshot,
            Optional.of(Subject.parse("user:alice")),
            PathListing.target("cluster-admin"),
            6,
            false);
    assertThat(fromAlice.paths())
        .allMatch(p -> ((PathNode.Holder) p.from()).subject().name().equals("alice"));
  }

  @Test
  void theLongestChainIsBounded() {
    PathNode admin = PathListing.target("cluster-admin");
    assertThatThrownBy(() -> PathListing.of(snapshot, Optional.empty(), admin, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                PathListing.of(snapshot, Optional.empty(), admin, PathListing.MAX_STEPS + 1, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PathListing.target("serviceaccount:kube-system:x"))
        .isInstanceOf(PathNode.Holder.class);
  }
}
