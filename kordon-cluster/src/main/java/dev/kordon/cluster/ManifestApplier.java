package dev.kordon.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies install manifests in the order that keeps a cluster usable: everything but the admission
 * webhook configurations first, then waits until every Deployment among them has all its replicas
 * ready, and only then registers the webhooks. A webhook registered before its pods serve would,
 * with {@code failurePolicy: Fail}, block every create in the cluster.
 */
public final class ManifestApplier implements AutoCloseable {

  /** What happened; {@code webhooksApplied} is false when the wait ran out. */
  public record Outcome(List<String> applied, boolean webhooksApplied, String problem) {}

  private final KubernetesClient client;
  private final AutoCloseable owner;

  /** Applies through a client someone else owns and closes. */
  public ManifestApplier(KubernetesClient client) {
    this(client, () -> {});
  }

  private ManifestApplier(KubernetesClient client, AutoCloseable owner) {
    this.client = client;
    this.owner = owner;
  }

  @Override
  public void close() {
    try {
      owner.close();
    } catch (Exception e) {
      // closing a client after the work is done cannot change its outcome
    }
  }

  /** Connects like {@code scan --cluster} does (kubeconfig, context, in-cluster). */
  public static ManifestApplier connect(String kubeconfig, String context) {
    ClusterOptions options =
        new ClusterOptions(
            kubeconfig,
            context,
            List.of(),
            false,
            ClusterOptions.DEFAULT_PAGE_SIZE,
            1,
            dev.kordon.source.ExcludedNamespaces.NONE);
    ClusterSource source = ClusterSource.connect(options);
    return new ManifestApplier(source.client(), source);
  }

  public Outcome apply(String yaml, Duration wait, Consumer<String> log) {
    List<HasMetadata> all =
        client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    List<HasMetadata> first = new ArrayList<>();
    List<HasMetadata> webhooks = new ArrayList<>();
    for (HasMetadata o : all) {
      (o.getKind().endsWith("WebhookConfiguration") ? webhooks : first).add(o);
    }
    List<String> applied = new ArrayList<>();
    try {
      for (HasMetadata o : first) {
        client.resource(o).createOr(NonDeletingOperation::update);
        applied.add(describe(o));
        log.accept("applied " + describe(o));
      }
      for (HasMetadata o : first) {
        if (o instanceof Deployment d) {
          log.accept(
              "waiting up to " + wait.toSeconds() + " s for " + describe(o) + " to be ready");
          if (!waitReady(d, wait)) {
            return new Outcome(
                applied,
                false,
                describe(o)
                    + " was not ready within "
                    + wait.toSeconds()
                    + " s; the webhook configuration was not applied (check the pods, e.g."
                    + " ImagePullBackOff), then run the install again");
          }
        }
      }
      for (HasMetadata o : webhooks) {
        client.resource(o).createOr(NonDeletingOperation::update);
        applied.add(describe(o));
        log.accept("applied " + describe(o));
      }
      return new Outcome(applied, true, "");
    } catch (KubernetesClientException e) {
      return new Outcome(applied, false, "the API server refused: " + e.getMessage());
    }
  }

  /** Polls (no watch: nothing left open when the wait ends) until every replica is ready. */
  private boolean waitReady(Deployment d, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Deployment now =
          client
              .apps()
              .deployments()
              .inNamespace(d.getMetadata().getNamespace())
              .withName(d.getMetadata().getName())
              .get();
      if (ready(now)) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  static boolean ready(Deployment d) {
    if (d == null || d.getStatus() == null || d.getSpec() == null) {
      return false;
    }
    int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    Integer ready = d.getStatus().getReadyReplicas();
    return ready != null && ready >= wanted;
  }

  private static String describe(HasMetadata o) {
    String ns = o.getMetadata().getNamespace();
    return o.getKind()
        + "/"
        + (ns == null || ns.isEmpty() ? "" : ns + "/")
        + o.getMetadata().getName();
  }
}
