package dev.kordon.render;

import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.model.ScanError;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;
import dev.kordon.source.ReaderLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a Kustomize directory with {@code kubectl kustomize} or {@code kustomize build}, whichever
 * is on the PATH. The build goes through a private wrapper kustomization that asks Kustomize to
 * record each object's originating file ({@code buildMetadata: [originAnnotations]}), so that a
 * finding names the base or patch file the object came from; the annotation is removed again before
 * anything is judged.
 */
public final class KustomizeRenderer {

  private static final String ORIGIN = "config.kubernetes.io/origin";
  private static final long TIMEOUT_SECONDS = 120;

  private final ManifestReader reader = new ManifestReader(ReaderLimits.DEFAULT);
  private final Optional<List<String>> command;

  public KustomizeRenderer() {
    this(findTool());
  }

  KustomizeRenderer(Optional<List<String>> command) {
    this.command = command;
  }

  /** {@code kubectl kustomize} or {@code kustomize build}, when either is installed. */
  static Optional<List<String>> findTool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
        return Optional.of(List.of(Path.of(dir, "kubectl").toString(), "kustomize"));
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kustomize"))) {
        return Optional.of(List.of(Path.of(dir, "kustomize").toString(), "build"));
      }
    }
    return Optional.empty();
  }

  public ReadResult render(Path overlay, String display) {
    if (command.isEmpty()) {
      return new ReadResult(
          List.of(),
          List.of(
              // one note, as for any input Kordon cannot read: a run that read nothing else
              // still fails with "nothing to scan"
              ScanError.note(
                  display,
                  0,
                  "skipped: Kustomize directory; install kubectl (kubectl kustomize) or"
                      + " kustomize, or scan the output of `kustomize build "
                      + display
                      + " | kordon scan -`")));
    }
    Path wrapper = null;
    try {
      wrapper = Files.createTempDirectory("kordon-kustomize");
      Path real = overlay.toRealPath();
      Files.writeString(
          wrapper.resolve("kustomization.yaml"),
          "resources:\n  - "
              + wrapper.toRealPath().relativize(real).toString().replace('\\', '/')
              + "\nbuildMetadata: [originAnnotations]\n",
          StandardCharsets.UTF_8);
      List<String> cmd = new ArrayList<>(command.get());
      cmd.add(wrapper.toString());
      Process p =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectError(wrapper.resolve("stderr").toFile())
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return error(display, "kustomize build took longer than " + TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        String err = Files.readString(wrapper.resolve("stderr"), StandardCharsets.UTF_8).trim();
        return error(display, "kustomize build failed: " + err.replace(wrapper.toString(), "."));
      }
      return read(out, wrapper.toRealPath(), real, display);
    } catch (IOException e) {
      return error(display, "cannot build: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(display, "interrupted");
    } finally {
      if (wrapper != null) {
        ChartCopy.deleteTree(wrapper);
      }
    }
  }

  private ReadResult read(String out, Path wrapper, Path overlay, String display) {
    ReadResult built = reader.read(display + " (kustomize build)", out);
    List<KubeObject> objects = new ArrayList<>();
    Map<Path, TemplateLines> files = new HashMap<>();
    Map<Path, Integer> next = new HashMap<>();
    List<String> outLines = out.lines().toList();
    List<KubeObject> all = built.objects();
    for (int i = 0; i < all.size(); i++) {
      KubeObject o = all.get(i);
      JsonNode annotations = o.raw().path("metadata").path("annotations");
      String origin = annotations.path(ORIGIN).asString("");
      if (annotations.isObject()) {
        ((ObjectNode) annotations).remove(ORIGIN);
        if (annotations.isEmpty()) {
          ((ObjectNode) o.raw().path("metadata")).remove("annotations");
        }
      }
      Optional<Path> source = originPath(origin).map(p -> wrapper.resolve(p).normalize());
      if (source.isPresent()
          && Files.isRegularFile(source.get())
          && o.origin() instanceof Origin.File f) {
        Path file = source.get();
        String shown = Path.of(display).resolve(overlay.relativize(file)).normalize().toString();
        TemplateLines lines =
            files.computeIfAbsent(
                file,
                k -> {
                  try {
                    return new TemplateLines(Files.readAllLines(k, StandardCharsets.UTF_8));
                  } catch (IOException e) {
                    return new TemplateLines(List.of());
                  }
                });
        int start =
            f.positions().find(dev.kordon.model.JsonPointer.ROOT).map(lc -> lc[0]).orElse(1);
        int end =
            i + 1 < all.size() && all.get(i + 1).origin() instanceof Origin.File g
                ? g.positions()
                    .find(dev.kordon.model.JsonPointer.ROOT)
                    .map(lc -> lc[0])
                    .orElse(outLines.size())
                : outLines.size() + 1;
        List<String> docLines =
            outLines.subList(
                Math.min(start - 1, outLines.size()),
                Math.min(Math.max(start - 1, end - 1), outLines.size()));
        int[] map = lines.map(docLines, 1);
        next.put(file, map.length == 0 ? 1 : map[map.length - 1]);
        int first = start;
        objects.add(
            KubeObject.of(
                o.raw(),
                new Origin.File(
                    shown,
                    f.document(),
                    f.base(),
                    f.positions()
                        .withLines(
                            l -> {
                              int k = l - first;
                              return k >= 0 && k < map.length ? map[k] : 1;
                            }))));
      } else {
        objects.add(KubeObject.of(o.raw(), o.origin()));
      }
    }
    return new ReadResult(objects, built.problems());
  }

  /** The {@code path:} of Kustomize's origin annotation (a small YAML map). */
  private static Optional<Path> originPath(String origin) {
    for (String line : origin.split("\n")) {
      if (line.startsWith("path: ")) {
        String p = line.substring(6).trim();
        if (!p.isEmpty() && !p.contains("://")) {
          return Optional.of(Path.of(p));
        }
      }
    }
    return Optional.empty();
  }

  private static ReadResult error(String display, String message) {
    return new ReadResult(List.of(), List.of(ScanError.error(display, 0, message)));
  }
}
