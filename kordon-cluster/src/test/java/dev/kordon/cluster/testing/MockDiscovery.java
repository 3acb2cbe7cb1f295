package dev.kordon.cluster.testing;

import dev.kordon.cluster.ResourceKind;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Serves discovery documents as a real API server would, for every scanned kind except some: the
 * CRUD mock answers discovery with empty resource lists.
 */
public final class MockDiscovery {
  private MockDiscovery() {}

  private static String discoveryPath(ResourceKind k) {
    return k.group().isEmpty() ? "/api/" + k.version() : "/apis/" + k.group() + "/" + k.version();
  }

  public static void serve(KubernetesMockServer server, Set<String> unservedResources) {
    Map<String, List<ResourceKind>> byPath = new LinkedHashMap<>();
    for (ResourceKind k : ResourceKind.SCANNED) {
      byPath.computeIfAbsent(discoveryPath(k), p -> new java.util.ArrayList<>()).add(k);
    }
    for (Map.Entry<String, List<ResourceKind>> e : byPath.entrySet()) {
      List<ResourceKind> served =
          e.getValue().stream().filter(k -> !unservedResources.contains(k.resource())).toList();
      if (served.isEmpty()) {
        server.expect().get().withPath(e.getKey()).andReturn(404, "{}").always();
        continue;
      }
      String resources =
          served.stream()
              .map(
                  k ->
                      "{\"name\":\"%s\",\"kind\":\"%s\",\"namespaced\":%s,\"verbs\":[\"get\",\"list\"]}"
                          .formatted(k.resource(), k.kind(), k.namespaced()))
              .collect(Collectors.joining(","));
      String gv = served.get(0).apiVersion();
      server
          .expect()
          .get()
          .withPath(e.getKey())
          .andReturn(
              200,
              "{\"kind\":\"APIResourceList\",\"groupVersion\":\"%s\",\"resources\":[%s]}"
                  .formatted(gv, resources))
          .always();
    }
  }
}
