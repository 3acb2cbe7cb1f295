package dev.kordon.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.cluster.testing.MockDiscovery;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClusterSourceTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @org.junit.jupiter.api.BeforeEach
  void discovery() {
    MockDiscovery.serve(server, java.util.Set.of());
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
  void readsObjectsCompactedWithClusterOrigin() {
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
}
