package dev.kordon.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.cluster.testing.MockDiscovery;
import dev.kordon.control.Catalog;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.framework.Framework;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.report.Report;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import dev.kordon.testing.SharedCorpus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real-world corpus plus generated pods, loaded into the CRUD mock API server: a cluster scan
 * and a file scan of the same objects report the same findings, except for locations.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterFileEquivalenceTest {

  private static final long SEED = 20261129L;

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path generated;

  @Test
  void clusterScanFindsWhatAFileScanOfTheSameObjectsFinds() throws IOException {
    Path corpus = SharedCorpus.require("corpora/real-world");
    Files.writeString(generated.resolve("pods.yaml"), generatedPods(new Random(SEED), 300));
    ReadResult files =
        new FileSource()
            .read(List.of(corpus.toString(), generated.toString()), InputStream.nullInputStream());

    Map<String, ResourceKind> scanned = new HashMap<>();
    for (ResourceKind k : ResourceKind.SCANNED) {
      scanned.put(k.apiVersion() + "/" + k.kind(), k);
    }
    MockDiscovery.serve(server, Set.of());
    server.setVersionInfo(
        new VersionInfo.Builder().withMajor("1").withMinor("33").withGitVersion("v1.33.2").build());

    List<KubeObject> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (KubeObject o : files.objects()) {
      ResourceKind kind = scanned.get(o.apiVersion() + "/" + o.kind());
      if (kind == null || ObjectCompaction.judgedThroughOwner(o.kind(), o.raw())) {
        continue;
      }
      // the API server defaults the namespace: give the file side the same one
      ObjectNode tree = (ObjectNode) o.raw().deepCopy();
      String ns = kind.namespaced() ? (o.namespace().isEmpty() ? "default" : o.namespace()) : "";
      ObjectNode meta = (ObjectNode) tree.path("metadata");
      if (kind.namespaced()) {
        meta.put("namespace", ns);
      } else {
        meta.remove("namespace");
      }
      String name = meta.path("name").asString("");
      if (name.isEmpty() || !seen.add(o.kind() + "/" + ns + "/" + name)) {
        continue; // generateName objects and duplicates across files cannot both live in a cluster
      }
      candidates.add(KubeObject.of(tree, o.origin()));
    }
    // created from a few threads: the mock answers each POST in tens of milliseconds
    List<KubeObject> fileObjects = candidates.parallelStream().filter(this::created).toList();
    int rejected = candidates.size() - fileObjects.size();
    System.err.println(
        "TIMING created " + fileObjects.size() + " at " + System.nanoTime() / 1_000_000);
    assertThat(rejected).as("objects the mock API server refused").isLessThan(20);
    assertThat(fileObjects).hasSizeGreaterThan(1000);

    ClusterRead read;
    try (ClusterSource source =
        ClusterSource.using(client, "mock", ClusterOptions.defaults().withPageSize(50))) {
      read = source.read(ListingListener.NONE);
    }
    assertThat(read.denied()).isEmpty();
    System.err.println(
        "TIMING read " + read.objects().size() + " at " + System.nanoTime() / 1_000_000);

    List<String> fromFiles = keys(scan(fileObjects));
    List<String> fromCluster = keys(scan(read.objects()));
    assertThat(fromFiles).hasSizeGreaterThan(100);
    // the same findings in any order, compared sorted: AssertJ's any-order check compares every
    // pair (thousands of findings a side: a sixth of the test's CPU in a profile), so it runs only
    // on a mismatch, for its message
    List<String> clusterSorted = fromCluster.stream().sorted().toList();
    List<String> filesSorted = fromFiles.stream().sorted().toList();
    if (!clusterSorted.equals(filesSorted)) {
      assertThat(fromCluster).containsExactlyInAnyOrderElementsOf(fromFiles);
    }
    assertThat(clusterSorted).isEqualTo(filesSorted);
  }

  private boolean created(KubeObject o) {
    try {
      client
          .resource(Serialization.unmarshal(o.raw().toString(), GenericKubernetesResource.class))
          .create();
      return true;
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  private static Report scan(List<KubeObject> objects) {
    Engine engine =
        new Engine(
            Catalog.builtIn(),
            Framework.builtIn(),
            EngineOptions.defaults(LocalDate.of(2026, 1, 15)));
    return engine.scan(Snapshot.of(objects), List.of());
  }

  /** Everything a finding says except where in a file it is. */
  private static List<String> keys(Report report) {
    List<String> out = new ArrayList<>();
    for (Finding f : report.findings()) {
      out.add(
          String.join(
              " | ",
              f.controlId(),
              f.resource().display(),
              f.path().toString(),
              f.message(),
              f.fingerprint()));
    }
    return out;
  }

  /** Standalone pods over a few namespaces, some privileged, some with host namespaces. */
  static String generatedPods(Random random, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(
          """
          apiVersion: v1
          kind: Pod
          metadata:
            name: gen-%d
            namespace: gen-%d
            labels: {app: gen-%d}
          spec:
            hostNetwork: %s
            containers:
              - name: app
                image: registry.example.com/app:%d
                securityContext:
                  privileged: %s
                  runAsNonRoot: %s
          ---
          """
              .formatted(
                  i,
                  i % 7,
                  i % 13,
                  random.nextInt(10) == 0,
                  i,
                  random.nextInt(5) == 0,
                  random.nextBoolean()));
    }
    return sb.toString();
  }
}
