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
    Map<ObjectRef, List<Integer>> catalogByResource = new HashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      if (!pssOnly.contains(findings.get(i).controlId())) {
        catalogByResource
            .computeIfAbsent(findings.get(i).resource(), k -> new ArrayList<>())
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
      for (int j : catalogByResource.getOrDefault(pss.resource(), List.of())) {
        Finding catalog = out.get(j);
        if (catalog.status() == pss.status() && sameField(catalog, pss)) {
          out.set(j, combine(catalog, pss));
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
