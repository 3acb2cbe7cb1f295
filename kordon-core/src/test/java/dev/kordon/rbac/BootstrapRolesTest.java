package dev.kordon.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Default grants and default rules are recognised by content, never by name or label. */
class BootstrapRolesTest {

  private static final String BINDING =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: system:public-info-viewer}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:public-info-viewer}
      subjects:
        - {kind: Group, name: system:authenticated}
        - {kind: Group, name: system:unauthenticated}
        - {kind: User, name: system:anonymous}
        - {kind: Group, name: ops}
        - {kind: ServiceAccount, name: app, namespace: dev}
      """;

  private static List<Boolean> defaults(Snapshot snapshot) {
    RbacGraph graph = RbacGraph.of(snapshot);
    Binding b = graph.clusterBindings().get(0);
    return b.subjects().stream()
        .map(e -> BootstrapRoles.isDefaultGrant(new Grant(b, e, graph.role(b).orElseThrow())))
        .toList();
  }

  @Test
  void theRealRoleStandsInAndItsDefaultSubjectsAreDefaultGrants() {
    // anonymous is a member of system:unauthenticated, ops and dev/app of system:authenticated
    assertThat(defaults(Manifests.of(BINDING))).containsExactly(true, true, true, true, true);
  }

  @Test
  void aWidenedRoleWithTheSameNameIsNoDefault() {
    String widened =
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: system:public-info-viewer
          labels: {kubernetes.io/bootstrapping: rbac-defaults}
        rules:
          - {nonResourceURLs: ["/healthz", "/version"], verbs: [get]}
          - {apiGroups: [""], resources: [secrets], verbs: [get]}
        ---
        """;
    assertThat(defaults(Manifests.of(widened + BINDING)))
        .containsExactly(false, false, false, false, false);
  }

  @Test
  void aNarrowerRoleIsStillTheDefault() {
    String narrower =
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: system:public-info-viewer}
        rules:
          - {nonResourceURLs: ["/healthz"], verbs: [get]}
        ---
        """;
    assertThat(defaults(Manifests.of(narrower + BINDING))).containsOnly(true);
  }

  @Test
  void defaultSubjectsAreTheRolesOwn() {
    String discovery = BINDING.replace("system:public-info-viewer", "system:discovery");
    // system:discovery is for authenticated callers only since Kubernetes 1.14
    assertThat(defaults(Manifests.of(discovery))).containsExactly(true, false, false, true, true);
  }

  @Test
  void wildcardRulesAreTheControlPlanesOnlyWhenItReallyHasThem() {
    Snapshot s =
        Manifests.of(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: system:controller:generic-garbage-collector}
            rules:
              - {apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch, delete]}
              - {apiGroups: ["*"], resources: ["*"], verbs: [create]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: gc-look-alike}
            rules:
              - {apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch, delete]}
            """);
    KubeObject gc = s.ofKind("ClusterRole").get(0);
    KubeObject other = s.ofKind("ClusterRole").get(1);
    assertThat(BootstrapRoles.isDefaultRule(gc, 0)).isTrue();
    assertThat(BootstrapRoles.isDefaultRule(gc, 1)).isFalse();
    assertThat(BootstrapRoles.isDefaultRule(other, 0)).isFalse();
  }
}
