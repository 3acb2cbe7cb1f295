package dev.kordon.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up's reviews made from the controls' fixtures, as bundled in a class dir or a jar. */
class FixtureReviewsTest {

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: shop}
      spec:
        template:
          spec:
            containers: [{name: app, image: nginx:1.27}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny, namespace: shop}
      spec: {podSelector: {}}
      """;

  @Test
  void everyControlsFixturesAreBundledAndJudgedWithoutError() {
    List<byte[]> bodies = FixtureReviews.load();
    // 391 fixture files of 170 controls; most hold one object, some several
    assertThat(bodies).hasSizeGreaterThan(391);
    Reviewer reviewer = ReviewerTest.reviewer("");
    ReviewCodec codec = new ReviewCodec();
    for (byte[] body : bodies) {
      AdmissionRequest r = codec.parse(body);
      Decision d = reviewer.review(r);
      assertThat(d.outcome())
          .as(r.describe() + ": " + d.note())
          .isNotEqualTo(Decision.Outcome.ERROR);
    }
    assertThat(WarmUp.reviews()).hasSize(WarmUp.synthetic().size() + bodies.size());
  }

  @Test
  void readsTheFixturesFromAJar(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("kordon.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(FixtureReviews.ROOT + "/KOR-0001/fail-pod.yaml"));
      out.write(DEPLOYMENT.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new JarEntry("other/ignored.yaml"));
      out.write(DEPLOYMENT.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    List<byte[]> bodies = FixtureReviews.from(jar);
    assertThat(bodies).hasSize(2);
    AdmissionRequest deployment = new ReviewCodec().parse(bodies.get(0));
    assertThat(deployment.resource()).isEqualTo("deployments");
    assertThat(deployment.namespace()).isEqualTo("shop");
    assertThat(deployment.operation()).isEqualTo(Operation.CREATE);
    assertThat(new ReviewCodec().parse(bodies.get(1)).resource()).isEqualTo("networkpolicies");
  }

  @Test
  void aDirectoryWithoutFixturesGivesNone(@TempDir Path dir) throws IOException {
    assertThat(FixtureReviews.from(dir)).isEmpty();
    try (OutputStream out = Files.newOutputStream(dir.resolve("empty.jar"))) {
      new JarOutputStream(out).close();
    }
    assertThat(FixtureReviews.from(dir.resolve("empty.jar"))).isEmpty();
  }

  @Test
  void pluralsOfKinds() {
    assertThat(FixtureReviews.plural("Pod")).isEqualTo("pods");
    assertThat(FixtureReviews.plural("NetworkPolicy")).isEqualTo("networkpolicies");
    assertThat(FixtureReviews.plural("Ingress")).isEqualTo("ingresses");
  }
}
