package dev.kordon.render;

import java.nio.file.Path;
import java.util.List;

/**
 * How charts are rendered: {@code helm template}'s values files, {@code --set} assignments, release
 * name and namespace. Kustomize overlays take none of these.
 */
public record RenderOptions(
    List<Path> valuesFiles, List<String> sets, String release, String namespace) {

  public static final RenderOptions DEFAULTS =
      new RenderOptions(List.of(), List.of(), "release-name", "default");

  public RenderOptions {
    valuesFiles = List.copyOf(valuesFiles);
    sets = List.copyOf(sets);
    for (String set : sets) {
      if (set.indexOf('=') <= 0) {
        throw new IllegalArgumentException("--set expects KEY=VALUE, got '" + set + "'");
      }
    }
    if (release.isBlank()) {
      throw new IllegalArgumentException("--release must not be empty");
    }
    if (namespace.isBlank()) {
      throw new IllegalArgumentException("the namespace must not be empty");
    }
  }
}
