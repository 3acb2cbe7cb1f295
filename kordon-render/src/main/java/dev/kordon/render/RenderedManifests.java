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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads rendered output whose documents start with {@code # Source: CHART/templates/x.yaml} ({@code
 * helm template}): each document is read as if it were the template file, and every line is mapped
 * back to the template's line by {@link TemplateLines}.
 */
final class RenderedManifests {

  private final ManifestReader reader = new ManifestReader(ReaderLimits.DEFAULT);

  /**
   * @param copy the rendered chart's private copy (its templates give the line mapping)
   * @param display how the chart is named in reports, e.g. {@code deploy/helm/kordon}
   */
  ReadResult read(String output, Path copy, String display) {
    List<KubeObject> objects = new ArrayList<>();
    List<ScanError> problems = new ArrayList<>();
    Map<String, Set<Integer>> used = new HashMap<>();
    Map<String, TemplateLines> templates = new HashMap<>();
    for (Doc doc : split(output)) {
      // "kordon/templates/x.yaml" and "kordon/charts/sub/templates/y.yaml": the first segment is
      // the chart's own name, which the directory need not share
      int slash = doc.source().indexOf('/');
      String inChart = slash < 0 ? doc.source() : doc.source().substring(slash + 1);
      String file = display + "/" + inChart;
      TemplateLines lines =
          templates.computeIfAbsent(
              inChart,
              k -> {
                try {
                  return new TemplateLines(
                      Files.readAllLines(copy.resolve(k), StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException e) {
                  return new TemplateLines(List.of());
                }
              });
      // Helm sorts documents by kind, not by template order: start at the template's document
      // whose kind line this one has, the first not used yet
      int start =
          lines.documentStart(doc.lines(), used.computeIfAbsent(inChart, k -> new HashSet<>()));
      int[] map = lines.map(doc.lines(), start);
      Function<Integer, Integer> toTemplate =
          l -> l >= 1 && l <= map.length ? map[l - 1] : (map.length == 0 ? 1 : map[map.length - 1]);
      ReadResult read = reader.read(file, String.join("\n", doc.lines()) + "\n");
      for (KubeObject o : read.objects()) {
        if (o.origin() instanceof Origin.File f) {
          Origin.File mapped =
              new Origin.File(
                  f.file(),
                  doc.index(),
                  f.base(),
                  f.positions().withLines(l -> toTemplate.apply(l)));
          objects.add(KubeObject.of(o.raw(), mapped));
        } else {
          objects.add(o);
        }
      }
      for (ScanError e : read.problems()) {
        problems.add(
            new ScanError(
                e.file(), e.line() > 0 ? toTemplate.apply(e.line()) : 0, e.message(), e.level()));
      }
    }
    return new ReadResult(objects, problems);
  }

  record Doc(String source, int index, List<String> lines) {}

  static List<Doc> split(String output) {
    List<Doc> docs = new ArrayList<>();
    String source = null;
    List<String> current = new ArrayList<>();
    int index = 0;
    for (String line : output.split("\n", -1)) {
      if (line.equals("---") || line.startsWith("--- ")) {
        if (source != null) {
          docs.add(new Doc(source, index++, List.copyOf(current)));
        }
        source = null;
        current.clear();
        continue;
      }
      if (source == null && line.startsWith("# Source: ")) {
        source = line.substring("# Source: ".length()).trim();
        continue;
      }
      if (source != null) {
        current.add(line);
      }
    }
    if (source != null) {
      docs.add(new Doc(source, index, List.copyOf(current)));
    }
    return docs;
  }
}
