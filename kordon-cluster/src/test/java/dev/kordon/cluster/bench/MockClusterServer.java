package dev.kordon.cluster.bench;

import dev.kordon.cluster.ResourceKind;
import dev.kordon.cluster.testing.MockDiscovery;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Benchmark server (not a test): fabric8's mock API server answering paginated lists of generated
 * objects, as a real API server pages them ({@code limit}/{@code continue}). Writes a kubeconfig
 * for it and serves until killed.
 *
 * <p>Usage: {@code MockClusterServer <pods> <kubeconfig-out>}
 */
public final class MockClusterServer {
  private MockClusterServer() {}

  public static void main(String[] args) throws Exception {
    int pods = Integer.parseInt(args[0]);
    Path kubeconfig = Path.of(args[1]);
    int page = 500;
    Map<String, Integer> counts =
        Map.ofEntries(
            Map.entry("Pod", pods),
            Map.entry("Deployment", pods / 10),
            Map.entry("ReplicaSet", pods / 10),
            Map.entry("Service", pods / 10),
            Map.entry("ConfigMap", pods / 50),
            Map.entry("Secret", pods / 50),
            Map.entry("Namespace", 100),
            Map.entry("ServiceAccount", 200),
            Map.entry("Role", 500),
            Map.entry("RoleBinding", 500),
            Map.entry("ClusterRole", 200),
            Map.entry("ClusterRoleBinding", 200),
            Map.entry("NetworkPolicy", 100),
            Map.entry("Node", 50));

    KubernetesMockServer server = new KubernetesMockServer(true);
    server.init();
    MockDiscovery.serve(server, Set.of());
    server
        .expect()
        .get()
        .withPath("/version")
        .andReturn(200, "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.2\"}")
        .always();

    Generated generated = new Generated();
    long total = 0;
    for (ResourceKind k : ResourceKind.SCANNED) {
      int n = counts.getOrDefault(k.kind(), 0);
      total += n;
      List<String> items = new ArrayList<>(Math.min(n, page));
      int pageNo = 0;
      for (int i = 0; i < n || (i == 0 && n == 0); i++) {
        if (n > 0) {
          items.add(generated.item(k, i));
        }
        boolean last = i >= n - 1;
        if (items.size() == page || last) {
          String cont = last ? "" : k.resource() + "-" + (pageNo + 1);
          String path =
              "/"
                  + (k.group().isEmpty() ? "api/" : "apis/" + k.group() + "/")
                  + k.version()
                  + "/"
                  + k.resource()
                  + "?limit="
                  + page
                  + (pageNo == 0 ? "" : "&continue=" + k.resource() + "-" + pageNo);
          String body =
              "{\"kind\":\"%sList\",\"apiVersion\":\"%s\",\"metadata\":{\"resourceVersion\":\"9\",\"continue\":\"%s\"},\"items\":[%s]}"
                  .formatted(k.kind(), k.apiVersion(), cont, String.join(",", items));
          server.expect().get().withPath(path).andReturn(200, body).always();
          items.clear();
          pageNo++;
        }
        if (n == 0) {
          break;
        }
      }
    }
    Path tmp = kubeconfig.resolveSibling(kubeconfig.getFileName() + ".tmp");
    Files.writeString(
        tmp,
        """
        apiVersion: v1
        kind: Config
        current-context: bench
        clusters:
          - name: bench
            cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
          - name: bench
            user: {token: bench}
        contexts:
          - name: bench
            context: {cluster: bench, user: bench}
        """
            .formatted(server.url("/").replaceAll("/$", "")));
    Files.move(tmp, kubeconfig);
    System.err.println("serving " + total + " objects (" + pods + " pods) at " + server.url("/"));
    new CountDownLatch(1).await();
  }
}
