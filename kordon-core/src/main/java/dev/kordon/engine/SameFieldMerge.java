package dev.kordon.engine;

import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One finding per field: when a Pod Security Standards control and a catalog control catch the same
 * field of the same object, the report keeps the catalog control's finding (it has the richer text)
 * and adds the PSS control's references and frameworks to it.
 *
 * <p>They catch the same field when their pointers are equal, or when one pointer lies inside the
 * other and the catalog control already names the PSS check among its references (e.g. KOR-0001
 * carries {@code pss:baseline/privileged}). Findings of different status (one excepted, one not)
 * are never merged, so that an exception cannot hide another control's failure.
 */
final class SameFieldMerge {
  private SameFieldMerge() {}

  static final String PSS_PREFIX = "pss:";

  /**
   * @param pssOnly ids of controls whose framework references are all PSS ones
   */
  static List<Finding> merge(List<Finding> findings, Set<String> pssOnly) {
    // Catalog findings indexed by object and file, then by path, so that each PSS finding looks
    // only at its own field, the field's ancestors and its descendants: linear in findings even
    // when many objects share a name (overlays, copies) and never across two files.
    Map<Site, TreeMap<String, List<Integer>>> catalog = new HashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      if (!pssOnly.contains(f.controlId())) {
        catalog
            .computeIfAbsent(Site.of(f), k -> new TreeMap<>())
            .computeIfAbsent(f.path().toString(), k -> new ArrayList<>())
            .add(i);
      }
    }
    List<Finding> out = new ArrayList<>(findings);
    boolean[] absorbed = new boolean[findings.size()];
    for (int i = 0; i < findings.size(); i++) {
      Finding pss = findings.get(i);
      if (!pssOnly.contains(pss.controlId())) {
        continue;
      }
      TreeMap<String, List<Integer>> byPath = catalog.get(Site.of(pss));
      if (byPath == null) {
        continue;
      }
      for (int j : candidates(byPath, pss.path())) {
        Finding match = out.get(j);
        if (match.status() == pss.status() && sameField(match, pss)) {
          out.set(j, combine(match, pss));
          absorbed[i] = true;
        }
      }
    }
    List<Finding> kept = new ArrayList<>(out.size());
    for (int i = 0; i < out.size(); i++) {
      if (!absorbed[i]) {
        kept.add(out.get(i));
      }
    }
    return kept;
  }

  /** One object as read from one file (or the cluster). */
  private record Site(ObjectRef resource, String file) {
    static Site of(Finding f) {
      return new Site(f.resource(), f.location().map(l -> l.file()).orElse(""));
    }
  }

  /** Indices of catalog findings at the path, at its ancestors or below it, in report order. */
  private static List<Integer> candidates(TreeMap<String, List<Integer>> byPath, JsonPointer path) {
    List<Integer> out = new ArrayList<>(byPath.getOrDefault(path.toString(), List.of()));
    if (!path.isRoot()) {
      for (JsonPointer p = path.parent(); !p.isRoot(); p = p.parent()) {
        out.addAll(byPath.getOrDefault(p.toString(), List.of()));
      }
      String prefix = path + "/";
      byPath.subMap(prefix, true, prefix + Character.MAX_VALUE, true).values().forEach(out::addAll);
    }
    out.sort(null);
    return out;
  }

  private static boolean sameField(Finding catalog, Finding pss) {
    JsonPointer a = catalog.path();
    JsonPointer b = pss.path();
    if (a.equals(b)) {
      return true;
    }
    boolean nested = (a.startsWith(b) || b.startsWith(a)) && !a.isRoot() && !b.isRoot();
    return nested
        && pss.refs().stream()
            .anyMatch(r -> r.startsWith(PSS_PREFIX) && catalog.refs().contains(r));
  }

  private static Finding combine(Finding catalog, Finding pss) {
    Set<String> frameworks = new LinkedHashSet<>(catalog.frameworks());
    frameworks.addAll(pss.frameworks());
    return catalog.withExtraRefs(pss.refs()).withFrameworks(List.copyOf(frameworks));
  }
}
