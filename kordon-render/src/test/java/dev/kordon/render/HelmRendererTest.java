package dev.kordon.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.ScanError;
import dev.kordon.model.SourceLocation;
import dev.kordon.source.ReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts rendered in-process: values, dependencies, library charts, lookup, required values. */
class HelmRendererTest {

  private static final Path CHART = Path.of("src/test/resources/charts/app");
  private static final String SHOWN = "charts/app";
  private static final HelmRenderer HELM = new HelmRenderer();

  @BeforeAll
  static void nativeLibraryIsThere() {
    boolean linuxAmd64 =
        System.getProperty("os.name").startsWith("Linux")
            && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    if (!linuxAmd64) {
      System.err.println("HelmRendererTest: helm-java has no native library for this platform");
    }
    assumeTrue(linuxAmd64, "helm-java's native library exists for linux-amd64 only");
  }

  private static KubeObject object(ReadResult r, String kind) {
    return r.objects().stream().filter(o -> o.kind().equals(kind)).findFirst().orElseThrow();
  }

  private static SourceLocation at(KubeObject o, String pointer) {
    return o.locate(JsonPointer.parse(pointer)).orElseThrow();
  }

  @Test
  void rendersTheChartWithItsLibraryAndSubchartAndPointsAtTemplateLines() {
    ReadResult r = HELM.render(CHART, SHOWN, RenderOptions.DEFAULTS);
    assertThat(r.problems()).isEmpty();
    assertThat(r.objects())
        .extracting(KubeObject::kind)
        .containsExactlyInAnyOrder("Deployment", "StatefulSet");
    KubeObject deployment = object(r, "Deployment");
    assertThat(deployment.name()).isEqualTo("release-name-shop"); // from the library chart
    // lookup gave the empty map: nothing reached a cluster
    assertThat(
            deployment
                .raw()
                .path("metadata")
                .path("annotations")
                .path("kordon.example/tls-found")
                .asString())
        .isEqualTo("no");
    SourceLocation privileged =
        at(deployment, "/spec/template/spec/containers/0/securityContext/privileged");
    assertThat(privileged.file()).isEqualTo("charts/app/templates/deployment.yaml");
    assertThat(privileged.line()).isEqualTo(26);
    assertThat(at(deployment, "/spec/template/spec/containers/0/image").line()).isEqualTo(21);
    SourceLocation hostNetwork = at(object(r, "StatefulSet"), "/spec/template/spec/hostNetwork");
    assertThat(hostNetwork.file()).isEqualTo("charts/app/charts/db/templates/statefulset.yaml");
    assertThat(hostNetwork.line()).isEqualTo(14);
  }

  @Test
  void valuesFilesAndSetOverrideInOrderWithReleaseAndNamespace(@TempDir Path dir)
      throws IOException {
    Path values = dir.resolve("prod.yaml");
    Files.writeString(values, "image: registry.example/shop:2.0\nprivileged: true\n");
    ReadResult r =
        HELM.render(
            CHART,
            SHOWN,
            new RenderOptions(
                List.of(values), List.of("privileged=false", "db.replicas=3"), "prod", "shop"));
    assertThat(r.problems()).isEmpty();
    KubeObject deployment = object(r, "Deployment");
    assertThat(deployment.name()).isEqualTo("prod-shop");
    assertThat(deployment.text(JsonPointer.parse("/spec/template/spec/containers/0/image")))
        .contains("registry.example/shop:2.0");
    assertThat(
            deployment.bool(
                JsonPointer.parse("/spec/template/spec/containers/0/securityContext/privileged")))
        .contains(false);
    assertThat(object(r, "StatefulSet").integer(JsonPointer.parse("/spec/replicas")).getAsLong())
        .isEqualTo(3);
  }

  @Test
  void aMissingRequiredValueIsOneErrorNamingTheValueAndTheTemplateLine() {
    ReadResult r =
        HELM.render(
            CHART, SHOWN, new RenderOptions(List.of(), List.of("host=null"), "r", "default"));
    assertThat(r.objects()).isEmpty();
    assertThat(r.problems()).hasSize(1);
    ScanError e = r.problems().get(0);
    assertThat(e.isError()).isTrue();
    assertThat(e.file()).isEqualTo("charts/app/templates/deployment.yaml");
    assertThat(e.line()).isEqualTo(24);
    assertThat(e.message()).contains("host is required");
  }

  @Test
  void rendersAChartArchive(@TempDir Path dir) throws Exception {
    Path tgz = dir.resolve("shop-1.2.3.tgz");
    Process p =
        new ProcessBuilder(
                "tar",
                "-czf",
                tgz.toString(),
                "-C",
                CHART.getParent().toString(),
                "--transform",
                "s,^app,shop,",
                "app")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor()).isZero();
    ReadResult r = HELM.render(tgz, tgz.toString(), RenderOptions.DEFAULTS);
    assertThat(r.problems()).isEmpty();
    assertThat(at(object(r, "Deployment"), "/spec/template/spec/containers/0/image").file())
        .isEqualTo(tgz + "/templates/deployment.yaml");
  }

  @Test
  void aMissingDependencyIsAnError(@TempDir Path dir) throws IOException {
    Path chart = dir.resolve("broken");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(
        chart.resolve("Chart.yaml"),
        "apiVersion: v2\nname: broken\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: 1.0.0\n");
    ReadResult r = HELM.render(chart, "broken", RenderOptions.DEFAULTS);
    assertThat(r.objects()).isEmpty();
    assertThat(r.problems())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("redis"));
  }
}
