package dev.kordon.engine;

import dev.kordon.control.ControlFamily;
import dev.kordon.control.ControlInfo;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One finding per field: when the Pod Security control of a check (KOR-0206 for {@code privileged})
 * and a catalog control that declares the same check in {@link ControlInfo#pssChecks()} (KOR-0001)
 * report the same field, the report shows the catalog control's finding (its words are the richer
 * ones) carrying the references and frameworks of both.
 *
 * <p>The merge is exact: declared link, same object, same location, same pointer. Catalog controls
 * that declare a check ask {@code dev.kordon.pss} for its offending fields, so their pointers are
 * the check's own by construction; nothing is matched by pointer prefix or by the spelling of refs.
 */
final class SameCheckMerge {
  private SameCheckMerge() {}

  /**
   * One finding of the report and the findings it stands for: its own first, then those of the Pod
   * Security controls merged into it. Scores count every member; an exception naming any member's
   * control applies to all of them.
   */
  record Merged(Finding finding, List<Finding> members) {
    Merged {
      members = List.copyOf(members);
    }
  }

  /**
   * The field a finding is about: the object, where it was read (two documents of one file may name
   * the same object), and the pointer.
   */
  private record Field(ObjectRef resource, Optional<SourceLocation> at, JsonPointer path) {
    static Field of(Finding f) {
      return new Field(f.resource(), f.location(), f.path());
    }
  }

  /**
   * @param infos the metadata of every control that may have produced a finding, by id
   */
  static List<Merged> merge(List<Finding> findings, Map<String, ControlInfo> infos) {
    if (!anyPodSecurity(findings, infos)) {
      // nothing to merge (the webhook runs no Pod Security controls): each finding stands alone
      List<Merged> out = new ArrayList<>(findings.size());
      for (Finding f : findings) {
        out.add(new Merged(f, List.of(f)));
      }
      return out;
    }
    Map<Field, List<Integer>> linked = new HashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      ControlInfo info = infos.get(findings.get(i).controlId());
      if (info != null && info.family() == ControlFamily.CATALOG && !info.pssChecks().isEmpty()) {
        linked.computeIfAbsent(Field.of(findings.get(i)), k -> new ArrayList<>()).add(i);
      }
    }
    Map<Integer, List<Finding>> absorbedInto = new HashMap<>();
    boolean[] absorbed = new boolean[findings.size()];
    for (int i = 0; i < findings.size(); i++) {
      Finding pss = findings.get(i);
      ControlInfo info = infos.get(pss.controlId());
      if (info == null || info.family() != ControlFamily.POD_SECURITY) {
        continue;
      }
      String check = info.pssChecks().get(0);
      for (int j : linked.getOrDefault(Field.of(pss), List.of())) {
        if (infos.get(findings.get(j).controlId()).pssChecks().contains(check)) {
          absorbedInto.computeIfAbsent(j, k -> new ArrayList<>()).add(pss);
          absorbed[i] = true;
          break;
        }
      }
    }
    List<Merged> out = new ArrayList<>(findings.size());
    for (int i = 0; i < findings.size(); i++) {
      if (absorbed[i]) {
        continue;
      }
      Finding f = findings.get(i);
      List<Finding> others = absorbedInto.getOrDefault(i, List.of());
      List<Finding> members = new ArrayList<>();
      members.add(f);
      members.addAll(others);
      out.add(new Merged(others.isEmpty() ? f : combine(f, others), members));
    }
    return out;
  }

  private static boolean anyPodSecurity(List<Finding> findings, Map<String, ControlInfo> infos) {
    for (Finding f : findings) {
      ControlInfo info = infos.get(f.controlId());
      if (info != null && info.family() == ControlFamily.POD_SECURITY) {
        return true;
      }
    }
    return false;
  }

  private static Finding combine(Finding catalog, List<Finding> pss) {
    Set<String> frameworks = new LinkedHashSet<>(catalog.frameworks());
    Finding out = catalog;
    for (Finding p : pss) {
      frameworks.addAll(p.frameworks());
      out = out.withExtraRefs(p.refs());
    }
    return out.withFrameworks(List.copyOf(frameworks));
  }
}
