package dev.kordon.source;

import dev.kordon.model.KubeObject;
import java.util.List;
import java.util.Set;

/**
 * {@code --exclude-namespaces}: objects in these namespaces are not scanned, nor the Namespace
 * objects that name them; other cluster-scoped objects are kept. Applied to objects whose namespace
 * is resolved (files after the default-namespace rule, cluster objects as listed).
 */
public record ExcludedNamespaces(Set<String> names) {
  public static final ExcludedNamespaces NONE = new ExcludedNamespaces(Set.of());

  public ExcludedNamespaces {
    names = Set.copyOf(names);
  }

  public static ExcludedNamespaces of(List<String> names) {
    return new ExcludedNamespaces(
        Set.copyOf(names.stream().map(String::strip).filter(n -> !n.isEmpty()).toList()));
  }

  public boolean isEmpty() {
    return names.isEmpty();
  }

  public boolean excludes(KubeObject o) {
    if (names.isEmpty()) {
      return false;
    }
    if (o.kind().equals("Namespace") && o.namespace().isEmpty()) {
      return names.contains(o.name());
    }
    return !o.namespace().isEmpty() && names.contains(o.namespace());
  }

  /** The read without the excluded objects; its problems are kept. */
  public ReadResult apply(ReadResult read) {
    if (names.isEmpty()) {
      return read;
    }
    return new ReadResult(
        read.objects().stream().filter(o -> !excludes(o)).toList(), read.problems());
  }
}
