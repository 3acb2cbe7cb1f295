package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.cluster.testing.MockDiscovery;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kordon scan --cluster} end to end: kubeconfig, 403s, unreachable servers, exit codes. */
@EnableKubernetesMockClient(crud = true)
class ClusterScanTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path dir;
  Path kubeconfig;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    MockDiscovery.serve(server, Set.of());
    kubeconfig = MockKubeconfig.write(dir, client.getMasterUrl().toString());
    client
        .resource(
            Serialization.unmarshal(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: everyone-admin
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: ClusterRole
                  name: cluster-admin
                subjects:
                  - kind: Group
                    name: developers
                    apiGroup: rbac.authorization.k8s.io
                """,
                GenericKubernetesResource.class))
        .create();
  }

  private static Run run(String... args) {
    CliRun r = CliRun.of(args);
    return new Run(r.code(), r.out(), r.err());
  }

  @Test
  void scansTheClusterOfTheKubeconfig() throws InterruptedException {
    Run r = run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "--format", "json");

    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("\"name\" : \"everyone-admin\"").contains("\"location\" : null");
    // the RBAC and NetworkPolicy summaries the server keeps: group developers is cluster-admin
    var summaries = dev.kordon.report.JsonOutput.mapper().readTree(r.out()).path("summaries");
    assertThat(summaries.path("rbac").path("subjects").intValue()).isEqualTo(1);
    assertThat(summaries.path("rbac").path("clusterAdminEquivalent").intValue()).isEqualTo(1);
    assertThat(summaries.path("networkPolicies").path("policies").isIntegralNumber()).isTrue();
    int requests = server.getRequestCount();
    int lists = 0;
    for (int i = 0; i < requests; i++) {
      var request = server.takeRequest();
      if (request.getPath().contains("limit=")) {
        lists++;
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getHeader("Authorization"))
            .as("the kubeconfig's credentials reach every list request")
            .isEqualTo("Bearer not-a-secret");
      }
    }
    assertThat(lists).isGreaterThan(20);
  }

  @Test
  void aForbiddenKindWarnsOnceAndTheScanGoesOn() {
    server
        .expect()
        .get()
        .withPath("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?limit=500")
        .andReturn(
            403,
            "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}")
        .always();

    Run r =
        run(
            "scan",
            "--cluster",
            "--kubeconfig",
            kubeconfig.toString(),
            "--format",
            "json",
            "--fail-on",
            "critical");

    assertThat(r.err().lines().filter(l -> l.startsWith("kordon: warning:")).toList())
        .singleElement()
        .asString()
        .contains("may not list clusterrolebindings.rbac.authorization.k8s.io (cluster-wide)")
        .contains("ClusterRoleBinding objects were not scanned");
    assertThat(r.out())
        .contains("may not list clusterrolebindings")
        .doesNotContain("everyone-admin");
    assertThat(r.code()).as("a refused kind does not change the exit code").isZero();
  }

  @Test
  void excludedNamespacesAreNotScannedButClusterScopedObjectsAre() {
    for (String ns : List.of("shop", "kube-system")) {
      client
          .resource(
              Serialization.unmarshal(
                  """
                  apiVersion: v1
                  kind: Pod
                  metadata: {name: p, namespace: %s}
                  spec:
                    containers:
                      - {name: app, image: "nginx:1.27", securityContext: {privileged: true}}
                  """
                      .formatted(ns),
                  GenericKubernetesResource.class))
          .create();
    }
    Run all = run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "--format", "json");
    Run r =
        run(
            "scan",
            "--cluster",
            "--kubeconfig",
            kubeconfig.toString(),
            "--format",
            "json",
            "--exclude-namespaces",
            "kube-system");

    assertThat(all.out()).contains("\"namespace\" : \"kube-system\"");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .doesNotContain("\"namespace\" : \"kube-system\"")
        .contains("\"namespace\" : \"shop\"")
        .contains("\"name\" : \"everyone-admin\"");
  }

  @Test
  void anUnreachableServerIsOneLineAndExitCode2() throws IOException {
    MockKubeconfig.write(dir, "https://127.0.0.1:1");

    Run r = run("scan", "--cluster", "--kubeconfig", kubeconfig.toString());

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("kordon: cannot reach the Kubernetes API server at https://127.0.0.1:1");
    assertThat(r.out()).isEmpty();

    Run verbose = run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "--verbose");
    assertThat(verbose.code()).isEqualTo(ExitCode.ERROR);
    assertThat(verbose.err()).contains("\tat dev.kordon.cluster.ClusterSource");
  }

  @Test
  void clusterFlagsNeedCluster() {
    Run r = run("scan", "x.yaml", "--context", "prod");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).contains("--context needs --cluster");
  }

  @Test
  void anUnknownContextIsAClearError() {
    Run r = run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "--context", "nope");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("kordon: ").contains("nope").doesNotContain("\tat ");
  }

  @Test
  void rejectedCredentialsAreOneLineAndExitCode2() {
    server
        .expect()
        .get()
        .withPath("/api/v1/pods?limit=500")
        .andReturn(401, "{\"kind\":\"Status\",\"code\":401}")
        .always();

    Run r = run("scan", "--cluster", "--kubeconfig", kubeconfig.toString());

    assertThat(r.code()).as(r.err() + r.out()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err().lines().toList())
        .singleElement()
        .asString()
        .contains("rejected the credentials of context \"mock\" (HTTP 401 Unauthorized)");
  }

  @Test
  void kubeletConfigurationIsJudgedWhenAskedFor() {
    client
        .resource(
            Serialization.unmarshal(
                """
                apiVersion: v1
                kind: Node
                metadata:
                  name: worker-1
                """,
                GenericKubernetesResource.class))
        .create();
    server
        .expect()
        .get()
        .withPath("/api/v1/nodes/worker-1/proxy/configz")
        .andReturn(
            200,
            "{\"kubeletconfig\":{\"authentication\":{\"anonymous\":{\"enabled\":true}},"
                + "\"authorization\":{\"mode\":\"AlwaysAllow\"}}}")
        .always();

    Run without = run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "-f", "json");
    Run with =
        run(
            "scan",
            "--cluster",
            "--kubelet-config",
            "--kubeconfig",
            kubeconfig.toString(),
            "-f",
            "json",
            "--fail-on",
            "critical");

    assertThat(without.out()).doesNotContain("sets authentication.anonymous.enabled");
    assertThat(with.out())
        .contains("sets authorization.mode: AlwaysAllow")
        .contains(
            "the kubelet of node \\\"worker-1\\\" sets authentication.anonymous.enabled: true");
    assertThat(with.code()).isEqualTo(ExitCode.FINDINGS);
  }

  /**
   * The mirror pod of a static kube-apiserver in kube-system is judged by the same flag controls as
   * its manifest on the node; a node's configz by the same kubelet controls as its files.
   */
  @Test
  void mirrorPodsAndConfigzMeetTheNodeControls() {
    client
        .resource(
            Serialization.unmarshal(
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: kube-apiserver-cp-1
                  namespace: kube-system
                  labels:
                    component: kube-apiserver
                    tier: control-plane
                spec:
                  containers:
                    - name: kube-apiserver
                      image: registry.k8s.io/kube-apiserver:v1.32.0
                      command:
                        - kube-apiserver
                        - --authorization-mode=Node,RBAC
                        - --token-auth-file=/etc/kubernetes/tokens.csv
                """,
                GenericKubernetesResource.class))
        .create();
    client
        .resource(
            Serialization.unmarshal(
                "apiVersion: v1\nkind: Node\nmetadata:\n  name: cp-1\n",
                GenericKubernetesResource.class))
        .create();
    server
        .expect()
        .get()
        .withPath("/api/v1/nodes/cp-1/proxy/configz")
        .andReturn(200, "{\"kubeletconfig\":{\"authorization\":{\"mode\":\"Webhook\"}}}")
        .always();

    Run r =
        run(
            "scan",
            "--cluster",
            "--kubelet-config",
            "--kubeconfig",
            kubeconfig.toString(),
            "-f",
            "json");

    assertThat(r.out())
        .contains("kube-apiserver sets --token-auth-file")
        .contains("\"controlId\" : \"KOR-0325\"")
        .contains("kube-apiserver leaves --profiling at its default, true")
        .contains("the kubelet of node \\\"cp-1\\\" sets no authentication.x509.clientCAFile");
  }
}
