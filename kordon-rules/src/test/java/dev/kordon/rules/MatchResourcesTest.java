package dev.kordon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.LabelSelector;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resource names, scopes and selectors as the API server's matcher sees them. */
class MatchResourcesTest {

  @Test
  void resourcesAreNamedAsDiscoveryNamesThem() {
    assertThat(ResourceKinds.of("apps/v1", "Deployment"))
        .isEqualTo(new ResourceKinds.Resource("apps", "v1", "Deployment", "deployments", true));
    assertThat(ResourceKinds.of("v1", "Namespace").namespaced()).isFalse();
    assertThat(ResourceKinds.of("networking.k8s.io/v1", "NetworkPolicy").resource())
        .isEqualTo("networkpolicies");
    assertThat(ResourceKinds.of("networking.k8s.io/v1", "Ingress").resource())
        .isEqualTo("ingresses");
    assertThat(ResourceKinds.of("v1", "Endpoints").resource()).isEqualTo("endpoints");
    assertThat(ResourceKinds.of("example.com/v1", "Gateway").resource()).isEqualTo("gateways");
    assertThat(ResourceKinds.of("example.com/v1", "Policy").resource()).isEqualTo("policies");
  }

  static KubeObject object(String yaml) {
    return LimitsAndErrorsTest.read(yaml).get(0);
  }

  @Test
  void namespaceSelectorsReadTheNamespaceOrItsOwnLabels() {
    KubeObject ns =
        object(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    env: prod\n");
    KubeObject pod = object("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: prod\n");
    KubeObject elsewhere =
        object("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: dev\n");
    KubeObject role =
        object(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n");
    Snapshot snapshot = Snapshot.of(List.of(ns, pod, elsewhere, role));
    MatchResources prod =
        new MatchResources(
            new LabelSelector(Map.of("env", "prod"), List.of()),
            LabelSelector.EVERYTHING,
            null,
            List.of());
    assertThat(prod.matches(CreateRequest.of(pod, snapshot))).isTrue();
    assertThat(prod.matches(CreateRequest.of(elsewhere, snapshot))).isFalse();
    assertThat(prod.matches(CreateRequest.of(ns, snapshot)))
        .as("a Namespace by its own labels")
        .isTrue();
    assertThat(prod.matches(CreateRequest.of(role, snapshot)))
        .as("cluster-scoped objects pass namespace selectors")
        .isTrue();
    MatchResources byName =
        new MatchResources(
            new LabelSelector(Map.of(CreateRequest.NAME_LABEL, "dev"), List.of()),
            LabelSelector.EVERYTHING,
            null,
            List.of());
    assertThat(byName.matches(CreateRequest.of(elsewhere, snapshot)))
        .as("an absent namespace still has its name label")
        .isTrue();
  }

  @Test
  void resourceRulesMatchGroupsVersionsResourcesAndScope() {
    KubeObject deploy = object("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n");
    CreateRequest r = CreateRequest.of(deploy, Snapshot.of(List.of(deploy)));
    assertThat(r.namespace()).as("kubectl's default namespace").isEqualTo("default");
    assertThat(rule(List.of("CREATE"), "apps", "v1", "deployments", "*").matches(r)).isTrue();
    assertThat(rule(List.of("*"), "*", "*", "*", "Namespaced").matches(r)).isTrue();
    assertThat(rule(List.of("UPDATE"), "apps", "v1", "deployments", "*").matches(r)).isFalse();
    assertThat(rule(List.of("CREATE"), "", "v1", "deployments", "*").matches(r)).isFalse();
    assertThat(rule(List.of("CREATE"), "apps", "v1beta1", "deployments", "*").matches(r)).isFalse();
    assertThat(rule(List.of("CREATE"), "apps", "v1", "deployments/scale", "*").matches(r))
        .isFalse();
    assertThat(rule(List.of("CREATE"), "apps", "v1", "deployments", "Cluster").matches(r))
        .isFalse();
  }

  private static MatchResources.ResourceRule rule(
      List<String> ops, String group, String version, String resource, String scope) {
    return new MatchResources.ResourceRule(
        ops, List.of(group), List.of(version), List.of(resource), List.of(), scope);
  }
}
