package dev.kordon.cli;

import dev.kordon.cluster.ClusterOptions;
import dev.kordon.cluster.ClusterSource;
import dev.kordon.image.workload.WorkloadImages.SecretRef;
import java.util.List;
import java.util.Optional;

/**
 * The workloads' pull secrets, read from the cluster the scan listed ({@code scan --cluster
 * --images}), through a connection opened on first use and closed with this.
 */
final class ClusterPullSecrets implements ImagesOptions.PullSecrets, AutoCloseable {

  private final ClusterOptions options;
  private ClusterSource source;

  ClusterPullSecrets(String kubeconfig, String context) {
    this.options =
        new ClusterOptions(
            kubeconfig, context, List.of(), false, ClusterOptions.DEFAULT_PAGE_SIZE, 2);
  }

  @Override
  public synchronized Optional<String> dockerConfigJson(SecretRef ref) {
    if (source == null) {
      source = ClusterSource.connect(options);
    }
    return source.pullSecret(ref.namespace(), ref.name());
  }

  @Override
  public synchronized void close() {
    if (source != null) {
      source.close();
    }
  }
}
