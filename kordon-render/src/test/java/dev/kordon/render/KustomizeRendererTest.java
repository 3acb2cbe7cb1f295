package dev.kordon.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.SourceLocation;
import dev.kordon.source.ReadResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Overlays built with kubectl kustomize, findings pointing at the base file they came from. */
class KustomizeRendererTest {

  private static final Path OVERLAY = Path.of("src/test/resources/overlays/prod");

  @Test
  void buildsTheOverlayAndPointsAtTheBaseFile() {
    Optional<List<String>> tool = KustomizeRenderer.findTool();
    if (tool.isEmpty()) {
      System.err.println("KustomizeRendererTest: neither kubectl nor kustomize is installed");
    }
    assumeTrue(tool.isPresent(), "needs kubectl or kustomize on the PATH");
    ReadResult r = new KustomizeRenderer(tool).render(OVERLAY, "overlays/prod");
    assertThat(r.problems()).isEmpty();
    KubeObject d = r.objects().get(0);
    assertThat(d.name()).isEqualTo("prod-web");
    assertThat(d.namespace()).isEqualTo("prod");
    assertThat(d.raw().path("metadata").path("annotations").isMissingNode()).isTrue();
    SourceLocation privileged =
        d.locate(JsonPointer.parse("/spec/template/spec/containers/0/securityContext/privileged"))
            .orElseThrow();
    assertThat(privileged.file()).isEqualTo("overlays/base/deployment.yaml");
    assertThat(privileged.line()).isEqualTo(16);
  }

  @Test
  void withoutAToolTheErrorNamesWhatToInstall() {
    ReadResult r = new KustomizeRenderer(Optional.empty()).render(OVERLAY, "overlays/prod");
    assertThat(r.objects()).isEmpty();
    assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.isError()).isFalse());
    assertThat(r.problems().get(0).message()).contains("install kubectl").contains("kustomize");
  }
}
