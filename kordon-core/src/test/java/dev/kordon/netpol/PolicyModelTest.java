package dev.kordon.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How pods, namespaces and policies are read from manifests and from live objects. */
class PolicyModelTest {

  private static final String WORKLOADS =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        replicas: 3
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 80}]}]}
      ---
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web-5d8f
        namespace: shop
        ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: x}]
      spec:
        template:
          metadata: {labels: {app: web, pod-template-hash: 5d8f}}
          spec: {containers: [{name: c, image: nginx}]}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: report}
      spec:
        schedule: "0 * * * *"
        jobTemplate:
          spec:
            template:
              metadata: {labels: {app: report}}
              spec: {containers: [{name: c, image: busybox}], restartPolicy: Never}
      ---
      apiVersion: v1
      kind: PodTemplate
      metadata: {name: tmpl, namespace: shop}
      template:
        metadata: {labels: {app: tmpl}}
        spec: {containers: [{name: c, image: busybox}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: done, namespace: shop, labels: {app: job}}
      spec: {containers: [{name: c, image: busybox}]}
      status: {phase: Succeeded}
      ---
      apiVersion: projectcalico.org/v3
      kind: NetworkPolicy
      metadata: {name: calico, namespace: shop}
      spec: {selector: all()}
      """;

  @Test
  void podsLabelledAreThePodsWithTheLabelInModelOrder() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      yaml.append(
          """
          apiVersion: v1
          kind: Pod
          metadata: {name: p%d, namespace: ns%d, labels: {app: a%d, tier: t%d}}
          spec: {containers: [{name: c, image: busybox}]}
          ---
          """
              .formatted(i, i % 4, i % 3, i % 2));
    }
    PolicyModel model = PolicyModel.build(TestCluster.snapshot(yaml.toString()));
    for (String key : List.of("app", "tier", "none")) {
      for (String value : List.of("a0", "a1", "a2", "t0", "t1", "x")) {
        assertThat(model.podsLabelled(key, value))
            .as("%s=%s", key, value)
            .isEqualTo(
                model.pods().stream().filter(p -> value.equals(p.labels().get(key))).toList());
      }
    }
    assertThat(model.podsLabelled("app", "a0")).hasSize(10);
  }

  @Test
  void manifestsGiveOneGroupPerTopLevelWorkloadInItsNamespace() {
    PolicyModel model = PolicyModel.build(TestCluster.snapshot(WORKLOADS));
    assertThat(model.pods()).extracting(PodGroup::id).containsExactly("shop/web", "default/report");
    PodGroup web = model.pod("shop/web").orElseThrow();
    assertThat(web.template()).isTrue();
    assertThat(web.labels()).isEqualTo(Map.of("app", "web"));
    assertThat(web.ip()).isEmpty();
    assertThat(web.namedPort("http", Protocol.TCP)).map(ContainerPort::port).contains(80);
    assertThat(model.policies()).as("only networking.k8s.io policies").isEmpty();
    assertThat(model.namespaceLabels("shop")).isEqualTo(Map.of(PolicyModel.NAME_LABEL, "shop"));
  }

  @Test
  void livePodsReplaceTemplates() {
    String live =
        WORKLOADS
            + """
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-5d8f-x2k, namespace: shop, labels: {app: web, pod-template-hash: 5d8f}}
            spec: {containers: [{name: c, image: nginx}]}
            status: {podIP: 10.0.0.7, phase: Running}
            """;
    PolicyModel model = PolicyModel.build(TestCluster.snapshot(live));
    assertThat(model.pods()).extracting(PodGroup::id).containsExactly("shop/web-5d8f-x2k");
    assertThat(model.resolve("10.0.0.7")).map(Endpoint::id).contains("shop/web-5d8f-x2k");
    assertThat(model.resolve("ip:10.0.0.8")).map(Endpoint::id).contains("ip:10.0.0.8");
  }

  @Test
  void podNamesOfATemplateResolveToItsGroup() {
    PolicyModel model = PolicyModel.build(TestCluster.snapshot(WORKLOADS));
    assertThat(model.resolve("shop/web-7c9d-abcde")).map(Endpoint::id).contains("shop/web");
    assertThat(model.resolve("shop/other")).isEmpty();
    assertThat(model.resolve("not-an-ip.example.com")).isEmpty();
  }

  @Test
  void namespaceObjectsGiveLabelsAndTheNameLabelCannotBeOverridden() {
    PolicyModel model =
        PolicyModel.build(
            TestCluster.snapshot(
                """
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, labels: {team: t, kubernetes.io/metadata.name: forged}}
                """));
    assertThat(model.namespaceLabels("shop"))
        .isEqualTo(Map.of("team", "t", PolicyModel.NAME_LABEL, "shop"));
  }

  @Test
  void malformedPeersMatchNothingAndAreReported() {
    Reachability reach =
        TestCluster.withBase(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: bad, namespace: a}
            spec:
              podSelector: {}
              ingress:
                - from: [{ipBlock: {cidr: 10.0.0.0/33}}, {}]
            """);
    assertThat(reach.model().warnings()).hasSize(2).allMatch(w -> w.contains("a/bad"));
    assertThat(TestCluster.allowed(reach, "b/client a/web 80/TCP")).isFalse();
  }

  @Test
  void nonCanonicalCidrMatchesItsNetwork() {
    Cidr cidr = Cidr.parse("10.0.1.1/4").orElseThrow();
    assertThat(cidr.contains(IpAddress.parse("15.255.0.1").orElseThrow())).isTrue();
    assertThat(cidr.contains(IpAddress.parse("16.0.0.1").orElseThrow())).isFalse();
    assertThat(
            Cidr.parse("fd00::/8").orElseThrow().contains(IpAddress.parse("fd12::1").orElseThrow()))
        .isTrue();
    assertThat(Cidr.parse("300.0.0.0/8")).isEmpty();
    assertThat(Cidr.parse("example.com/8")).isEmpty();
  }

  @Test
  void explainNamesThePoliciesAndRulesOfBothSides() {
    Reachability reach =
        TestCluster.withBase(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-in, namespace: a}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress:
                - from: [{podSelector: {matchLabels: {app: web}}}]
                - ports: [{port: 5432}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-out, namespace: a}
            spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Egress]}
            """);
    Verdict v = TestCluster.verdict(reach, "a/web a/db 5432/TCP");
    assertThat(v.allowed()).isFalse();
    assertThat(v.egress().status()).isEqualTo(Side.Status.DENIED);
    assertThat(v.egress().policies()).extracting(Policy::name).containsExactly("deny-out");
    assertThat(v.ingress().status()).isEqualTo(Side.Status.ALLOWED);
    assertThat(v.ingress().allowing())
        .extracting(m -> m.rule().label())
        .containsExactly("ingress[0]", "ingress[1]");
    assertThat(String.join("\n", v.describe()))
        .contains("DENIED")
        .contains("policy a/deny-out: no rule matches")
        .contains("policy a/db-in: allowed by ingress[0], ingress[1]");
    assertThat(List.of(v.ingress().direction(), v.egress().direction()))
        .containsExactly(Direction.INGRESS, Direction.EGRESS);
  }

  private static final String REDIS =
      """
      apiVersion: apps/v1
      kind: %s
      metadata: {name: redis, namespace: shop}
      spec:
        template:
          metadata: {labels: {app: redis}}
          spec: {containers: [{name: c, image: redis}]}
      """;

  @Test
  void kindsSharingANameAreToldApartByKindInWordsAUserCanTypeBack() {
    PolicyModel model =
        PolicyModel.build(
            TestCluster.snapshot(
                REDIS.formatted("Deployment") + "---\n" + REDIS.formatted("StatefulSet")));

    assertThat(model.pods())
        .extracting(PodGroup::id)
        .containsExactly("shop/redis (Deployment)", "shop/redis (StatefulSet)");
    assertThat(model.pods()).extracting(PodGroup::name).containsOnly("redis");
    assertThat(model.resolveAll("shop/redis")).hasSize(2);
    assertThat(model.resolveAll("shop/redis (StatefulSet)"))
        .extracting(Endpoint::id)
        .containsExactly("shop/redis (StatefulSet)");
    assertThat(model.resolveAll("shop/redis~statefulset"))
        .as("the older spelling")
        .extracting(Endpoint::id)
        .containsExactly("shop/redis (StatefulSet)");
    assertThat(model.resolveAll("shop/redis-6f7c-abcde")).hasSize(2);
  }
}
