package dev.kordon.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policies without effect in {@code netpol coverage}; version labels in {@code netpol suggest}. */
class CoverageAndSuggestionTest {

  private static final String AGENT =
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, namespace: ops}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            hostNetwork: true
            containers: [{name: agent, image: ghcr.io/acme/agent:1.0}]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: ops}
      spec:
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api}}
          spec: {containers: [{name: api, image: ghcr.io/acme/api:1.0}]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: agent-only, namespace: ops}
      spec: {podSelector: {matchLabels: {app: agent}}}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: gone, namespace: ops}
      spec: {podSelector: {matchLabels: {app: gone}}}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: api-in, namespace: ops}
      spec: {podSelector: {matchLabels: {app: api}}}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: everything, namespace: ops}
      spec: {podSelector: {}}
      """;

  @Test
  void aPolicySelectingOnlyHostNetworkPodsHasNoEffectForThatReason() {
    Coverage c = Coverage.of(new Reachability(PolicyModel.build(TestCluster.snapshot(AGENT))));
    assertThat(c.selectingNoPod()).extracting(Policy::name).containsExactly("agent-only", "gone");
    assertThat(c.withoutEffect())
        .extracting(n -> n.policy().name())
        .containsExactly("agent-only", "gone");

    Coverage.NoEffect agent = c.withoutEffect().get(0);
    assertThat(agent.onlyHostNetwork()).isTrue();
    assertThat(agent.hostNetworkPods()).extracting(PodGroup::id).containsExactly("ops/agent");
    assertThat(agent.reason())
        .isEqualTo(
            "selects only pods on the host network (ops/agent), which NetworkPolicies do not"
                + " apply to");

    Coverage.NoEffect gone = c.withoutEffect().get(1);
    assertThat(gone.onlyHostNetwork()).isFalse();
    assertThat(gone.reason()).isEqualTo("podSelector app=gone matches no pod of namespace ops");
  }

  @Test
  void theSixPartConstructorStillGivesEveryPolicyWithoutEffectAReason() {
    Policy p =
        PolicyModel.build(TestCluster.snapshot(AGENT)).policies().stream()
            .filter(x -> x.name().equals("gone"))
            .findFirst()
            .orElseThrow();
    Coverage c = new Coverage(List.of(), List.of(), List.of(), List.of(p), List.of(), List.of());
    assertThat(c.withoutEffect()).extracting(Coverage.NoEffect::policy).containsExactly(p);
  }

  private static final String VERSIONED =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-5d8f-x2k
        namespace: shop
        labels:
          app.kubernetes.io/name: web
          app.kubernetes.io/instance: shop
          app.kubernetes.io/version: "1.4.2"
          helm.sh/chart: web-0.3.1
          chart: web-0.3.1
          version: v1
          pod-template-hash: 5d8f
          example.com/revision: "12"
      spec: {containers: [{name: web, image: nginx:1.27}]}
      status: {podIP: 10.0.0.5, phase: Running}
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: db-0
        namespace: data
        labels:
          app: db
          controller-revision-hash: db-7c9
          app.kubernetes.io/version: "16.2"
          statefulset.kubernetes.io/pod-name: db-0
      spec: {containers: [{name: db, image: postgres:16}]}
      status: {podIP: 10.0.0.6, phase: Running}
      """;

  @Test
  @SuppressWarnings("unchecked")
  void suggestedSelectorsNeverUseVersionLabels() {
    PolicyModel model = PolicyModel.build(TestCluster.snapshot(VERSIONED));
    PolicySuggester.Suggestion s =
        new PolicySuggester()
            .suggest(
                model, List.of(new Flow("shop/web-5d8f-x2k", "data/db-0", 5432, Protocol.TCP, 1)));
    String yaml = s.toYaml();
    for (String label :
        List.of(
            "app.kubernetes.io/version",
            "helm.sh/chart",
            "chart:",
            "version:",
            "pod-template-hash",
            "controller-revision-hash",
            "example.com/revision",
            "statefulset.kubernetes.io/pod-name")) {
      assertThat(yaml).as(label).doesNotContain(label);
    }
    Map<String, Object> web =
        s.policies().stream()
            .filter(
                p ->
                    ((Map<String, Object>) p.get("metadata"))
                        .get("name")
                        .equals("allow-observed-web-5d8f-x2k"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> spec = (Map<String, Object>) web.get("spec");
    assertThat(spec.get("podSelector"))
        .isEqualTo(
            Map.of(
                "matchLabels",
                Map.of("app.kubernetes.io/instance", "shop", "app.kubernetes.io/name", "web")));
    // the egress peer selects the database by its stable label only
    assertThat(yaml).contains("app: db");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "app, true",
    "app.kubernetes.io/name, true",
    "app.kubernetes.io/instance, true",
    "app.kubernetes.io/component, true",
    "release, true",
    "app.kubernetes.io/version, false",
    "helm.sh/chart, false",
    "chart, false",
    "version, false",
    "Version, false",
    "pod-template-hash, false",
    "controller-revision-hash, false",
    "example.com/config-hash, false",
    "service.istio.io/canonical-revision, false",
    "example.com/git-commit, false",
    "job-name, false"
  })
  void selectableLabels(String label, boolean selectable) {
    assertThat(PolicySuggester.selectable(label)).isEqualTo(selectable);
  }
}
