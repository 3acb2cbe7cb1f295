package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kordon.source.YamlTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Kordon's own chart, rendered by Kordon and judged by Kordon: nothing above low with either
 * certificate source, the webhook failing open by default, and one image name everywhere.
 */
class HelmChartTest {

  private static final Path CHART = Path.of("..", "deploy", "helm", "kordon");

  private static void helm() {
    boolean linuxAmd64 =
        System.getProperty("os.name").startsWith("Linux")
            && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    assumeTrue(linuxAmd64, "helm-java's native library exists for linux-amd64 only");
  }

  @Test
  void theRenderedChartHasNoFindingAboveLowWithEitherCertificateSource() {
    helm();
    for (String source : List.of("generated", "certManager")) {
      CliRun run =
          CliRun.of(
              "scan",
              CHART.toString(),
              "--namespace",
              "kordon",
              "--set",
              "webhook.certificates.source=" + source,
              "--fail-on",
              "medium");
      assertThat(run.code()).as(source + "\n" + run.out() + run.err()).isZero();
      assertThat(run.err()).as(source).isEmpty();
      assertThat(run.out()).as(source).contains("Deployment").contains("CronJob");
    }
  }

  @Test
  void theNodeDaemonSetIsOptInAndCarriesItsHostAccessAsExplainedExceptions() {
    helm();
    assertThat(CliRun.of("scan", CHART.toString(), "--namespace", "kordon").out())
        .doesNotContain("DaemonSet");
    CliRun run =
        CliRun.of(
            "scan",
            CHART.toString(),
            "--namespace",
            "kordon",
            "--set",
            "node.enabled=true",
            "--fail-on",
            "low");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("DaemonSet/kordon-node/")
        .contains("excepted KOR-0010")
        .contains("excepted KOR-0103");
  }

  @Test
  void theWebhookFailsOpenUntilTheUserOptsIntoFail() {
    helm();
    CliRun run = CliRun.of("scan", CHART.toString(), "--namespace", "kordon", "--format", "json");
    assertThat(run.code()).as(run.err()).isZero();
    // the values file is the one place that says it, with the reason
    assertThat(values()).contains("failurePolicy: Ignore").contains("blocks every matching create");
    CliRun fail =
        CliRun.of(
            "scan",
            CHART.toString(),
            "--set",
            "webhook.failurePolicy=Fail",
            "--set",
            "webhook.certificates.source=bogus");
    assertThat(fail.code()).isEqualTo(ExitCode.ERROR);
    assertThat(fail.err()).contains("webhook.certificates.source must be generated or certManager");
  }

  @Test
  void oneImageNameEverywhere() throws IOException {
    String repository = ReleasedImage.repository();
    assertThat(repository).isEqualTo("ghcr.io/kordon-dev/kordon");
    assertThat(values()).contains("repository: " + repository + "\n");
    JsonNode cron =
        YamlTrees.parseAll(Path.of("..", "deploy", "cronjob.yaml")).stream()
            .filter(d -> d.path("kind").asString("").equals("CronJob"))
            .findFirst()
            .orElseThrow();
    assertThat(cron.at("/spec/jobTemplate/spec/template/spec/containers/0/image").asString())
        .startsWith(repository + ":");
    String pom = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<kordon.image.repository>([^<]+)<").matcher(pom);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo(repository);
    for (String doc : List.of("README.md", "docs/deploy.md")) {
      String text = Files.readString(Path.of("..", doc), StandardCharsets.UTF_8);
      Matcher images = Pattern.compile("ghcr\\.io/[a-z0-9./-]*kordon[a-z0-9./-]*").matcher(text);
      while (images.find()) {
        assertThat(images.group()).as(doc).isEqualTo(repository);
      }
    }
    assertThat(Path.of("..", "deploy", "Dockerfile")).doesNotExist();
  }

  private static String values() {
    try {
      return Files.readString(CHART.resolve("values.yaml"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
