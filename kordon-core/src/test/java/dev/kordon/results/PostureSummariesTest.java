package dev.kordon.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.report.Report;
import dev.kordon.report.Summary;
import dev.kordon.report.json.JsonReportWriter;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PostureSummariesTest {

  /**
   * alice is bound to cluster-admin; bob may bind any ClusterRole cluster-wide (one step to
   * cluster-admin); ci in dev may create pods there; the built-in kube-controller-manager is bound
   * to its own role and is left out. Namespace web has a default deny for ingress only and a policy
   * open to every source; namespace tools has no policy; a policy in web selects no pod.
   */
  private static final String CLUSTER =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: alice-admin}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
      subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: binder}
      rules:
        - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}
        - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: bob-binder}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: binder}
      subjects: [{kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: pods, namespace: dev}
      rules: [{apiGroups: [""], resources: [pods], verbs: [create]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: ci-pods, namespace: dev}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods}
      subjects: [{kind: ServiceAccount, name: ci, namespace: dev}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: front, namespace: web, labels: {app: front}}
      spec: {containers: [{name: c, image: nginx}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: api, namespace: web, labels: {app: api}}
      spec: {containers: [{name: c, image: nginx}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: shell, namespace: tools}
      spec: {containers: [{name: c, image: busybox}]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-ingress, namespace: web}
      spec: {podSelector: {}, policyTypes: [Ingress]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: front-open, namespace: web}
      spec:
        podSelector: {matchLabels: {app: front}}
        ingress: [{}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: stale, namespace: web}
      spec: {podSelector: {matchLabels: {app: gone}}, policyTypes: [Ingress]}
      """;

  private static Snapshot snapshot(String yaml) {
    ReadResult read = new ManifestReader().read("cluster.yaml", yaml);
    assertThat(read.hasErrors()).as("%s", read.problems()).isFalse();
    return Snapshot.of(read.objects());
  }

  @Test
  void countsAdminsEscalationsAndRiskHolders() {
    PostureSummaries.Rbac rbac = PostureSummaries.of(snapshot(CLUSTER)).rbac();
    assertThat(rbac.subjects()).isEqualTo(3); // alice, bob, dev/ci
    assertThat(rbac.clusterAdminEquivalent()).isEqualTo(1); // alice
    assertThat(rbac.escalationPaths()).isEqualTo(1); // bob binds cluster-admin
    assertThat(rbac.escalationTruncated()).isFalse();
    assertThat(rbac.riskyPermissions())
        .extracting(PostureSummaries.RiskCount::id, PostureSummaries.RiskCount::subjects)
        .contains(
            org.assertj.core.groups.Tuple.tuple("cluster-admin-equivalent", 1),
            org.assertj.core.groups.Tuple.tuple("bind-cluster", 2), // alice holds every risk,
            org.assertj.core.groups.Tuple.tuple("workload-create-namespace", 1));
    // worst first
    assertThat(rbac.riskyPermissions().get(0).severity()).isEqualTo("critical");
  }

  @Test
  void countsNamespacesPodsAndPoliciesLeftOpen() {
    PostureSummaries.NetworkPolicies n = PostureSummaries.of(snapshot(CLUSTER)).networkPolicies();
    assertThat(n.policies()).isEqualTo(3);
    assertThat(n.namespaces()).isEqualTo(2); // web, tools
    assertThat(n.namespacesWithoutPolicy()).isEqualTo(1); // tools
    assertThat(n.namespacesWithoutDefaultDenyIngress()).isEqualTo(1); // tools
    assertThat(n.namespacesWithoutDefaultDenyEgress()).isEqualTo(2);
    assertThat(n.pods()).isEqualTo(3);
    assertThat(n.podsWithUnrestrictedIngress()).isEqualTo(1); // tools/shell
    assertThat(n.podsWithUnrestrictedEgress()).isEqualTo(3);
    assertThat(n.policiesSelectingNoPod()).isEqualTo(1); // stale
    assertThat(n.rulesOpenToAll()).isEqualTo(1); // front-open
  }

  @Test
  void anEmptySnapshotCountsNothing() {
    PostureSummaries s = PostureSummaries.of(Snapshot.of(List.of()));
    assertThat(s.rbac().subjects()).isZero();
    assertThat(s.rbac().riskyPermissions()).isEmpty();
    assertThat(s.networkPolicies().pods()).isZero();
    assertThat(s.networkPolicies().policies()).isZero();
  }

  @Test
  void theJsonReportCarriesThemAtTheTopLevelAndKeepsItsFields() throws IOException {
    PostureSummaries s = PostureSummaries.of(snapshot(CLUSTER));
    Report report =
        new Report(
                Report.Tool.KORDON,
                Summary.of(11, List.of()),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of())
            .withSection(s.section());
    StringWriter out = new StringWriter();
    new JsonReportWriter().write(report, out);
    JsonNode root = JsonMapper.builder().build().readTree(out.toString());
    assertThat(root.path("summaries").path("rbac").path("clusterAdminEquivalent").intValue())
        .isEqualTo(1);
    assertThat(root.path("summaries").path("rbac").path("escalationPaths").intValue()).isEqualTo(1);
    JsonNode risks = root.path("summaries").path("rbac").path("riskyPermissions");
    JsonNode admin = null;
    for (JsonNode r : risks.values()) {
      if (r.path("id").stringValue().equals("cluster-admin-equivalent")) {
        admin = r;
      }
    }
    assertThat(admin).isNotNull();
    assertThat(admin.path("severity").stringValue()).isEqualTo("critical");
    assertThat(admin.path("subjects").intValue()).isEqualTo(1);
    JsonNode netpol = root.path("summaries").path("networkPolicies");
    assertThat(netpol.path("podsWithUnrestrictedIngress").intValue()).isEqualTo(1);
    assertThat(netpol.path("namespacesWithoutPolicy").intValue()).isEqualTo(1);
    assertThat(netpol.path("policies").intValue()).isEqualTo(3);
    // the DESIGN.md fields are all still there
    for (String field : List.of("tool", "summary", "findings", "frameworks", "errors")) {
      assertThat(root.has(field)).as(field).isTrue();
    }
    // the section keeps its human view for every writer
    JsonNode section = root.path("sections").get(0);
    assertThat(section.path("id").stringValue()).isEqualTo("summaries");
    assertThat(section.path("data").get(1).path("measure").stringValue())
        .isEqualTo("with cluster-admin-equivalent access");
  }
}
