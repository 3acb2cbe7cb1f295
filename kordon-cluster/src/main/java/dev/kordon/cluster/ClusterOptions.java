package dev.kordon.cluster;

import dev.kordon.source.ExcludedNamespaces;
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
 * @param excludedNamespaces objects in these namespaces, and the Namespace objects naming them, are
 *     dropped as they are listed; other cluster-scoped objects are kept
 */
public record ClusterOptions(
    String kubeconfig,
    String context,
    List<String> namespaces,
    boolean kubeletConfig,
    int pageSize,
    int parallelism,
    ExcludedNamespaces excludedNamespaces) {

  public static final int DEFAULT_PAGE_SIZE = 500;

  public ClusterOptions {
    namespaces = List.copyOf(namespaces);
    java.util.Objects.requireNonNull(excludedNamespaces);
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be positive: " + pageSize);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
    }
  }

  public ClusterOptions(
      String kubeconfig,
      String context,
      List<String> namespaces,
      boolean kubeletConfig,
      int pageSize,
      int parallelism) {
    this(
        kubeconfig,
        context,
        namespaces,
        kubeletConfig,
        pageSize,
        parallelism,
        ExcludedNamespaces.NONE);
  }

  public static ClusterOptions defaults() {
    return new ClusterOptions("", "", List.of(), false, DEFAULT_PAGE_SIZE, 4);
  }

  public ClusterOptions withPageSize(int size) {
    return new ClusterOptions(
        kubeconfig, context, namespaces, kubeletConfig, size, parallelism, excludedNamespaces);
  }

  public ClusterOptions withNamespaces(List<String> only) {
    return new ClusterOptions(
        kubeconfig, context, only, kubeletConfig, pageSize, parallelism, excludedNamespaces);
  }

  public ClusterOptions withExcludedNamespaces(ExcludedNamespaces excluded) {
    return new ClusterOptions(
        kubeconfig, context, namespaces, kubeletConfig, pageSize, parallelism, excluded);
  }

  public ClusterOptions withKubeletConfig(boolean read) {
    return new ClusterOptions(
        kubeconfig, context, namespaces, read, pageSize, parallelism, excludedNamespaces);
  }
}
