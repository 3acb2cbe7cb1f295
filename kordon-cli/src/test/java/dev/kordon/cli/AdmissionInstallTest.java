package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install defaults a first-time user meets: Ignore as failure policy, no made-up image name on
 * a development build, and --apply registering the webhook only once its pods are ready.
 */
@EnableKubernetesMockClient(crud = true)
class AdmissionInstallTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path dir;
  Path kubeconfig;

  @BeforeEach
  void kubeconfig() throws IOException {
    kubeconfig = MockKubeconfig.write(dir, client.getMasterUrl().toString());
  }

  @Test
  void aDevelopmentBuildRequiresAnImageAndSaysHowToBuildOne() {
    CliRun run = CliRun.of("admission", "install");
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .contains("--image is required")
        .contains("development build")
        .contains("kordon-image-");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void theFailurePolicyIsIgnoreUntilTheUserOptsIntoFail() {
    CliRun run = CliRun.of("admission", "install", "--image", "registry.example/kordon:1.0");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("failurePolicy: Ignore").doesNotContain("failurePolicy: Fail");
    assertThat(run.out()).contains("image: registry.example/kordon:1.0");
    CliRun fail =
        CliRun.of(
            "admission",
            "install",
            "--image",
            "registry.example/kordon:1.0",
            "--failure-policy",
            "Fail");
    assertThat(fail.out()).contains("failurePolicy: Fail");
  }

  @Test
  void aReleasedVersionDefaultsToTheConfiguredRepository() {
    assertThat(ReleasedImage.of("1.2.0")).contains("ghcr.io/kordon-dev/kordon:1.2.0");
    assertThat(ReleasedImage.of("1.3.0-SNAPSHOT")).isEmpty();
  }

  @Test
  void applyWaitsForReadyPodsBeforeRegisteringTheWebhook() throws Exception {
    CompletableFuture<CliRun> install =
        CompletableFuture.supplyAsync(
            () ->
                CliRun.of(
                    "admission",
                    "install",
                    "--image",
                    "registry.example/kordon:1.0",
                    "--apply",
                    "--wait",
                    "30",
                    "--kubeconfig",
                    kubeconfig.toString()));
    // the Deployment arrives first; the webhook configuration must not exist before it is ready
    Deployment d = null;
    for (int i = 0; i < 300 && d == null; i++) {
      d = client.apps().deployments().inNamespace("kordon").withName("kordon-admission").get();
      if (d == null) {
        Thread.sleep(50);
      }
    }
    assertThat(d).as("the Deployment was applied").isNotNull();
    Thread.sleep(300);
    assertThat(
            client.admissionRegistration().v1().validatingWebhookConfigurations().list().getItems())
        .isEmpty();
    assertThat(install).isNotDone();
    d.setStatus(
        new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
            .withReplicas(2)
            .withReadyReplicas(2)
            .build());
    client.apps().deployments().inNamespace("kordon").resource(d).updateStatus();
    CliRun run = install.get(30, TimeUnit.SECONDS);
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).contains("the webhook is ready and registered (failurePolicy Ignore)");
    assertThat(
            client.admissionRegistration().v1().validatingWebhookConfigurations().list().getItems())
        .hasSize(1);
  }

  @Test
  void applyThatTimesOutLeavesTheWebhookUnregistered() {
    CliRun run =
        CliRun.of(
            "admission",
            "install",
            "--image",
            "registry.example/kordon:1.0",
            "--apply",
            "--wait",
            "1",
            "--kubeconfig",
            kubeconfig.toString());
    assertThat(run.code()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.err()).contains("was not ready within 1 s").contains("not applied");
    assertThat(
            client.admissionRegistration().v1().validatingWebhookConfigurations().list().getItems())
        .isEmpty();
  }
}
