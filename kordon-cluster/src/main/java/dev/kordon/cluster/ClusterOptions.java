package dev.kordon.cluster;

import java.util.List;

/**
 * How to reach and read a cluster.
 *
 * @param kubeconfig a kubeconfig file; empty for the usual lookup ({@code KUBECONFIG} list, {@code
 *     ~/.kube/config}, then the in-cluster service account)
 * @param context a kubeconfig context; empty for the current one
 * @param namespaces namespaced kinds are read only from these; empty for all
 * @param kubeletConfig also read each node's kubelet configuration through the node proxy
 * @param pageSize items per list request ({@code limit})
 * @param parallelism list requests in flight at once
 */
public record ClusterOptions(
    String kubeconfig,
    String context,
    List<String> namespaces,
    boolean kubeletConfig,
    int pageSize,
    int parallelism) {

  public static final int DEFAULT_PAGE_SIZE = 500;

  public ClusterOptions {
    namespaces = List.copyOf(namespaces);
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be positive: " + pageSize);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
    }
  }

  public static ClusterOptions defaults() {
    return new ClusterOptions("", "", List.of(), false, DEFAULT_PAGE_SIZE, 4);
  }

  public ClusterOptions withPageSize(int size) {
    return new ClusterOptions(kubeconfig, context, namespaces, kubeletConfig, size, parallelism);
  }

  public ClusterOptions withNamespaces(List<String> only) {
    return new ClusterOptions(kubeconfig, context, only, kubeletConfig, pageSize, parallelism);
  }

  public ClusterOptions withKubeletConfig(boolean read) {
    return new ClusterOptions(kubeconfig, context, namespaces, read, pageSize, parallelism);
  }
}
