package dev.kordon.render;

import dev.kordon.source.ReadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The one entry point for inputs that must be rendered before they are manifests. */
public final class Renderers {

  /** The file names that make a directory a Kustomize overlay or base. */
  public static final List<String> KUSTOMIZATIONS =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private final HelmRenderer helm = new HelmRenderer();
  private final KustomizeRenderer kustomize;

  public Renderers() {
    this(new KustomizeRenderer());
  }

  Renderers(KustomizeRenderer kustomize) {
    this.kustomize = kustomize;
  }

  public static boolean isChart(Path path) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    return Files.isDirectory(path)
        ? Files.isRegularFile(path.resolve("Chart.yaml"))
        : Files.isRegularFile(path) && (name.endsWith(".tgz") || name.endsWith(".tar.gz"));
  }

  public static boolean isOverlay(Path dir) {
    return Files.isDirectory(dir)
        && KUSTOMIZATIONS.stream().anyMatch(k -> Files.isRegularFile(dir.resolve(k)));
  }

  /** Renders a chart (directory or archive) or builds an overlay; never throws. */
  public ReadResult render(Path path, String display, RenderOptions options) {
    if (isChart(path)) {
      return helm.render(path, display, options);
    }
    return kustomize.render(path, display);
  }
}
