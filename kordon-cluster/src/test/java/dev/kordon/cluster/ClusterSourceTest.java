package dev.kordon.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.cluster.testing.MockDiscovery;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClusterSourceTest {

  KubernetesMockServer server;
  KubernetesClient client;

  /**
   * The mock's client with the retries {@code ClusterSource.connect} gives every real client: one.
   * The client's own default (ten, backing off exponentially) made each test where the mock answers
   * an error wait for seconds between retries.
   */
  @BeforeEach
  void retryOnceAsConnectDoes() {
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(client.getConfiguration())
                    .withRequestRetryBackoffLimit(1)
                    // the mock is local: the client's 10 s for a connection only ran out when the
                    // machine was loaded (load 20, the first test of the class, in a -T2 build)
                    .withConnectionTimeout(60_000)
                    .build())
            .build();
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  private void create(String yaml) {
    client.resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).create();
  }

  private ClusterRead read(ClusterOptions options) {
    try (ClusterSource source = ClusterSource.using(client, "mock", options)) {
      return source.read(ListingListener.NONE);
    }
  }

  @Test
  void pullSecretsYieldTheirDockerConfigOnlyWhenTheyAreOne() {
    String config = "{\"auths\":{\"registry.example.com\":{\"auth\":\"Ym9iOnBhNTU=\"}}}";
    String legacy = "{\"old.example.com\":{\"auth\":\"Ym9iOnBhNTU=\"}}";
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    client
        .secrets()
        .inNamespace("shop")
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("regcred")
                .withNamespace("shop")
                .endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .addToData(".dockerconfigjson", b64.encodeToString(config.getBytes()))
                .build())
        .create();
    client
        .secrets()
        .inNamespace("shop")
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("oldcred")
                .withNamespace("shop")
                .endMetadata()
                .withType("kubernetes.io/dockercfg")
                .addToData(".dockercfg", b64.encodeToString(legacy.getBytes()))
                .build())
        .create();
    client
        .secrets()
        .inNamespace("shop")
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("tls")
                .withNamespace("shop")
                .endMetadata()
                .addToData("tls.key", b64.encodeToString("k".getBytes()))
                .build())
        .create();
    try (ClusterSource source = ClusterSource.using(client, "mock", ClusterOptions.defaults())) {
      assertThat(source.pullSecret("shop", "regcred")).contains(config);
      assertThat(source.pullSecret("shop", "oldcred")).contains("{\"auths\":" + legacy + "}");
      assertThat(source.pullSecret("shop", "tls")).isEmpty();
      assertThat(source.pullSecret("shop", "missing")).isEmpty();
      assertThat(source.pullSecret("other", "regcred")).isEmpty();
    }
  }

  @Test
  void readsObjectsCompactedWithClusterOrigin() {
    MockDiscovery.serve(server, Set.of());
    create(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: shop
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: '{"big": "json"}'
            keep: me
          managedFields:
            - manager: kubectl
        spec:
          containers:
            - name: app
              image: nginx:1.27
        status:
          phase: Running
          podIP: 10.0.0.7
          conditions:
            - type: Ready
        """);
    create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: reader
        rules:
          - apiGroups: [""]
            resources: [pods]
            verbs: [get, list]
        """);

    ClusterRead read = read(ClusterOptions.defaults());

    KubeObject pod = only(read.objects(), "Pod");
    assertThat(pod.apiVersion()).isEqualTo("v1");
    assertThat(pod.namespace()).isEqualTo("shop");
    assertThat(pod.origin()).isInstanceOf(Origin.Cluster.class);
    assertThat(pod.locate(dev.kordon.model.JsonPointer.ROOT)).isEmpty();
    assertThat(pod.annotations()).containsOnlyKeys("keep");
    assertThat(pod.raw().path("metadata").has("managedFields")).isFalse();
    assertThat(pod.raw().path("status").propertyNames())
        .containsExactlyInAnyOrder("phase", "podIP");
    assertThat(only(read.objects(), "ClusterRole").apiVersion())
        .isEqualTo("rbac.authorization.k8s.io/v1");
    assertThat(read.denied()).isEmpty();
  }

  @Test
  void secretsNeverKeepTheirValues() throws Exception {
    MockDiscovery.serve(server, Set.of());
    create(
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
          namespace: shop
        type: Opaque
        data:
          password: aHVudGVyMg==
        stringData:
          token: plain
        """);

    ClusterRead read = read(ClusterOptions.defaults());

    KubeObject secret = only(read.objects(), "Secret");
    assertThat(secret.raw().has("data")).isFalse();
    assertThat(secret.raw().has("stringData")).isFalse();
    assertThat(secret.raw().toString()).doesNotContain("aHVudGVyMg==").doesNotContain("plain");
    String accept = null;
    for (int i = server.getRequestCount(); i > 0; i--) {
      var request = server.takeRequest();
      if (request.getPath().startsWith("/api/v1/secrets")) {
        accept = request.getHeader("Accept");
      }
    }
    assertThat(accept).isEqualTo(ClusterSource.METADATA_ONLY);
  }

  private static KubeObject only(List<KubeObject> objects, String kind) {
    List<KubeObject> of = objects.stream().filter(o -> o.kind().equals(kind)).toList();
    assertThat(of).hasSize(1);
    return of.get(0);
  }

  private static String podList(String cont, String... names) {
    StringBuilder items = new StringBuilder();
    for (String n : names) {
      if (items.length() > 0) {
        items.append(',');
      }
      items.append(
          "{\"metadata\":{\"name\":\"%s\",\"namespace\":\"a\",\"resourceVersion\":\"7\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x:1\"}]}}"
              .formatted(n));
    }
    return "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"continue\":\"%s\"},\"items\":[%s]}"
        .formatted(cont, items);
  }

  @Test
  void followsContinueTokensPageByPage() throws Exception {
    MockDiscovery.serve(server, Set.of());
    server
        .expect()
        .get()
        .withPath("/api/v1/pods?limit=2")
        .andReturn(200, podList("t1", "p1", "p2"))
        .once();
    server
        .expect()
        .get()
        .withPath("/api/v1/pods?limit=2&continue=t1")
        .andReturn(200, podList("t%2B2", "p3", "p4"))
        .once();
    server
        .expect()
        .get()
        .withPath("/api/v1/pods?limit=2&continue=t%252B2")
        .andReturn(200, podList("", "p5"))
        .once();
    List<Integer> pages = Collections.synchronizedList(new ArrayList<>());
    ListingListener listener =
        new ListingListener() {
          @Override
          public void listed(String kind, int objects) {
            if (kind.equals("Pod")) {
              pages.add(objects);
            }
          }
        };

    ClusterRead read;
    try (ClusterSource source =
        ClusterSource.using(client, "mock", ClusterOptions.defaults().withPageSize(2))) {
      read = source.read(listener);
    }

    assertThat(read.objects().stream().filter(o -> o.kind().equals("Pod")).map(KubeObject::name))
        .containsExactly("p1", "p2", "p3", "p4", "p5");
    assertThat(pages).containsExactly(2, 2, 1);
    assertThat(read.problems()).noneMatch(p -> p.isError());
  }

  @Test
  void aForbiddenKindIsReportedAndTheRestIsRead() {
    MockDiscovery.serve(server, Set.of());
    server
        .expect()
        .get()
        .withPath("/apis/rbac.authorization.k8s.io/v1/clusterroles?limit=500")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"forbidden\"}")
        .always();
    create(
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        """);

    ClusterRead read = read(ClusterOptions.defaults());

    assertThat(read.denied())
        .containsExactly(
            new DeniedListing("ClusterRole", "list", "clusterroles.rbac.authorization.k8s.io", ""));
    assertThat(read.denied().get(0).permission())
        .isEqualTo("list clusterroles.rbac.authorization.k8s.io (cluster-wide)");
    assertThat(only(read.objects(), "Namespace").name()).isEqualTo("shop");
  }

  @Test
  void kindsTheServerDoesNotServeAreSkipped() throws Exception {
    MockDiscovery.serve(server, Set.of("poddisruptionbudgets", "gateways", "cronjobs"));

    ClusterRead read = read(ClusterOptions.defaults());

    assertThat(read.problems())
        .extracting(p -> p.message())
        .as("an optional kind is skipped silently, a required one with a note")
        .containsExactly(
            "the server does not serve cronjobs.batch (batch/v1); controls on CronJob had nothing"
                + " to judge");
    List<String> paths = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      paths.add(server.takeRequest().getPath());
    }
    assertThat(paths)
        .noneMatch(p -> p.contains("poddisruptionbudgets") || p.contains("cronjobs"))
        .anyMatch(p -> p.startsWith("/api/v1/pods?limit="));
  }

  @Test
  void kubeletConfigurationsComeFromTheNodeProxy() {
    MockDiscovery.serve(server, Set.of());
    create(
        """
        apiVersion: v1
        kind: Node
        metadata:
          name: n1
        """);
    create(
        """
        apiVersion: v1
        kind: Node
        metadata:
          name: n2
        """);
    server
        .expect()
        .get()
        .withPath("/api/v1/nodes/n1/proxy/configz")
        .andReturn(
            200,
            "{\"kubeletconfig\":{\"authentication\":{\"anonymous\":{\"enabled\":true}},\"readOnlyPort\":10255}}")
        .always();
    server
        .expect()
        .get()
        .withPath("/api/v1/nodes/n2/proxy/configz")
        .andReturn(502, "{\"kind\":\"Status\",\"message\":\"node unreachable\"}")
        .always();

    ClusterRead read = read(ClusterOptions.defaults().withKubeletConfig(true));

    KubeObject config = only(read.objects(), "KubeletConfiguration");
    assertThat(config.name()).isEqualTo("n1");
    assertThat(config.apiVersion()).isEqualTo("kubelet.config.k8s.io/v1beta1");
    assertThat(config.integer(dev.kordon.model.JsonPointer.of("readOnlyPort"))).hasValue(10255);
    assertThat(read.problems())
        .extracting(p -> p.message())
        .contains("cannot read the kubelet configuration of node n2 (HTTP 502: node unreachable)");
  }

  @Test
  void withoutTheFlagNoNodeProxyRequestIsMade() throws Exception {
    MockDiscovery.serve(server, Set.of());
    create(
        """
        apiVersion: v1
        kind: Node
        metadata:
          name: n1
        """);

    read(ClusterOptions.defaults());

    for (int i = server.getRequestCount(); i > 0; i--) {
      var request = server.takeRequest();
      assertThat(request.getPath()).doesNotContain("/proxy");
      assertThat(request.getMethod()).isIn("GET", "POST");
    }
  }

  @Test
  void anExpiredContinueTokenRestartsTheKindOnce() {
    MockDiscovery.serve(server, Set.of());
    server
        .expect()
        .get()
        .withPath("/api/v1/pods?limit=2")
        .andReturn(200, podList("t1", "p1", "p2"))
        .once();
    server
        .expect()
        .get()
        .withPath("/api/v1/pods?limit=2&continue=t1")
        .andReturn(410, "{\"kind\":\"Status\",\"code\":410,\"reason\":\"Expired\"}")
        .once();
    server
        .expect()
        .get()
        .withPath("/api/v1/pods?limit=2")
        .andReturn(200, podList("", "p1", "p9"))
        .once();

    ClusterRead read;
    try (ClusterSource source =
        ClusterSource.using(client, "mock", ClusterOptions.defaults().withPageSize(2))) {
      read = source.read(ListingListener.NONE);
    }

    assertThat(read.objects().stream().filter(o -> o.kind().equals("Pod")).map(KubeObject::name))
        .as("the objects of the abandoned pass are not kept twice")
        .containsExactly("p1", "p9");
  }

  @Test
  void namespacesLimitNamespacedKindsOnly() {
    MockDiscovery.serve(server, Set.of());
    for (String ns : List.of("a", "b", "c")) {
      create(
          """
          apiVersion: v1
          kind: Namespace
          metadata:
            name: %s
          """
              .formatted(ns));
      create(
          """
          apiVersion: v1
          kind: ServiceAccount
          metadata:
            name: default
            namespace: %s
          """
              .formatted(ns));
    }
    create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: reader
        rules: []
        """);

    ClusterRead read = read(ClusterOptions.defaults().withNamespaces(List.of("a", "c")));

    assertThat(read.objects())
        .filteredOn(o -> !o.kind().equals("ServerVersion"))
        .extracting(o -> o.ref().display())
        .containsExactly(
            "Namespace/a",
            "Namespace/c",
            "ServiceAccount/a/default",
            "ServiceAccount/c/default",
            "ClusterRole/reader");
  }

  @Test
  void excludedNamespacesDropTheirObjectsAndTheirNamespaceOnly() {
    MockDiscovery.serve(server, Set.of());
    for (String ns : List.of("a", "kube-system")) {
      create(
          """
          apiVersion: v1
          kind: Namespace
          metadata:
            name: %s
          """
              .formatted(ns));
      create(
          """
          apiVersion: v1
          kind: ServiceAccount
          metadata:
            name: default
            namespace: %s
          """
              .formatted(ns));
    }
    create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: reader
        rules: []
        """);

    ClusterRead read =
        read(
            ClusterOptions.defaults()
                .withExcludedNamespaces(
                    dev.kordon.source.ExcludedNamespaces.of(List.of("kube-system"))));

    assertThat(read.objects())
        .filteredOn(o -> !o.kind().equals("ServerVersion"))
        .extracting(o -> o.ref().display())
        .containsExactly("Namespace/a", "ServiceAccount/a/default", "ClusterRole/reader");
  }

  @Test
  void podsOfAControllerAreJudgedThroughItsTemplate() {
    MockDiscovery.serve(server, Set.of());
    create(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-7d9f-abcde
          namespace: shop
          ownerReferences:
            - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, uid: u1, controller: true}
        spec:
          containers: [{name: app, image: "nginx:1.27"}]
        """);
    create(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
          namespace: shop
        spec:
          containers: [{name: app, image: "busybox:1.36"}]
        """);

    ClusterRead read = read(ClusterOptions.defaults());

    assertThat(only(read.objects(), "Pod").name()).isEqualTo("debug");
    assertThat(read.listed()).isEqualTo(2);
    assertThat(read.problems())
        .extracting(p -> p.message())
        .containsExactly(
            "1 pods, replica sets and jobs managed by a controller were judged through their"
                + " controller's template");
  }
}
