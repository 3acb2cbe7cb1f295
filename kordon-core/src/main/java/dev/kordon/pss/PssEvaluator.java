package dev.kordon.pss;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates pods against a level and version, the way the Pod Security admission plugin does. The
 * registry is validated when the evaluator is built (unique ids, overrides naming lower-level
 * checks), and the checks in force are computed once for every (level, version) up to the newest
 * version any check defines; later versions and {@code latest} are clamped to that one.
 */
public final class PssEvaluator {

  /** One check as it stands at one version. */
  private record Active(PssCheck check, VersionedPssCheck revision) {}

  private final List<PssCheck> checks;
  private final Map<String, PssCheck> checksById;
  private final PssVersion newest;
  private final Map<PssLevel, List<List<Active>>> byLevelAndMinor = new EnumMap<>(PssLevel.class);

  public PssEvaluator(List<PssCheck> checks) {
    this.checks = List.copyOf(checks);
    Map<String, PssCheck> byId = new HashMap<>();
    PssVersion max = PssVersion.of(0);
    for (PssCheck c : this.checks) {
      if (byId.putIfAbsent(c.id(), c) != null) {
        throw new IllegalArgumentException("duplicate PSS check id " + c.id());
      }
      for (VersionedPssCheck v : c.versions()) {
        if (v.minimumVersion().compareTo(max) > 0) {
          max = v.minimumVersion();
        }
      }
    }
    for (PssCheck c : this.checks) {
      for (VersionedPssCheck v : c.versions()) {
        for (String o : v.overrides()) {
          PssCheck target = byId.get(o);
          if (target == null) {
            throw new IllegalArgumentException(c.id() + " overrides unknown check " + o);
          }
          if (target.level().compareTo(c.level()) >= 0) {
            throw new IllegalArgumentException(
                c.id() + " may only override a check of a lower level, not " + o);
          }
        }
      }
    }
    this.newest = max;
    this.checksById = Map.copyOf(byId);
    for (PssLevel level : PssLevel.values()) {
      List<List<Active>> perMinor = new ArrayList<>();
      for (int minor = 0; minor <= newest.minor(); minor++) {
        perMinor.add(active(level, PssVersion.of(minor)));
      }
      byLevelAndMinor.put(level, List.copyOf(perMinor));
    }
  }

  /** The evaluator over every built-in check. */
  public static PssEvaluator builtIn() {
    return new PssEvaluator(PssChecks.all());
  }

  private List<Active> active(PssLevel level, PssVersion version) {
    List<Active> candidates = new ArrayList<>();
    Set<String> overridden = new HashSet<>();
    for (PssCheck c : checks) {
      if (!level.includes(c.level())) {
        continue;
      }
      Optional<VersionedPssCheck> rev = c.at(version);
      if (rev.isPresent()) {
        candidates.add(new Active(c, rev.get()));
        overridden.addAll(rev.get().overrides());
      }
    }
    return List.copyOf(
        candidates.stream().filter(a -> !overridden.contains(a.check().id())).toList());
  }

  /** Every registered check, in registry order. */
  public List<PssCheck> checks() {
    return checks;
  }

  /** The newest version any check defines; what {@code latest} means. */
  public PssVersion newest() {
    return newest;
  }

  /** The version whose rules apply when {@code version} is asked for. */
  public PssVersion effective(PssVersion version) {
    return version.compareTo(newest) > 0 ? newest : version;
  }

  /** The ids of the checks in force at a level and version, in registry order. */
  public List<String> checkIds(PssLevel level, PssVersion version) {
    return activeAt(level, version).stream().map(a -> a.check().id()).toList();
  }

  /** The check with this id. */
  public Optional<PssCheck> check(String id) {
    return Optional.ofNullable(checksById.get(id));
  }

  private List<Active> activeAt(PssLevel level, PssVersion version) {
    return byLevelAndMinor.get(level).get(effective(version).minor());
  }

  /** Judges one pod spec (of a Pod or any workload's template). */
  public PssResult evaluate(PssLevel level, PssVersion version, PodSpecView pod) {
    List<PssViolation> violations = new ArrayList<>();
    for (Active a : activeAt(level, version)) {
      List<OffendingField> fields = offending(a.revision().check(), pod);
      if (!fields.isEmpty()) {
        violations.add(new PssViolation(a.check().id(), a.check().reason(), fields));
      }
    }
    return new PssResult(pod.object().ref(), level, version, effective(version), violations);
  }

  /**
   * Runs one check alone, in its revision at {@code version}, whatever overrides it: for callers
   * that report each check on its own (the scan's PSS controls). Empty when the check passes or
   * does not exist yet at that version.
   */
  public Optional<PssViolation> evaluateCheck(String id, PssVersion version, PodSpecView pod) {
    PssCheck c = checksById.get(id);
    if (c == null) {
      throw new IllegalArgumentException("unknown PSS check " + id);
    }
    Optional<VersionedPssCheck> rev = c.at(effective(version));
    if (rev.isEmpty()) {
      return Optional.empty();
    }
    List<OffendingField> fields = offending(rev.get().check(), pod);
    return fields.isEmpty()
        ? Optional.empty()
        : Optional.of(new PssViolation(c.id(), c.reason(), fields));
  }

  /**
   * The check's offending fields in this pod, computed once per pod view: the webhook's levels, the
   * scan's Pod Security controls and the catalog controls that report a check all ask for the same
   * revisions of the same pod. A check is a pure function of the pod, so the function itself is the
   * key.
   */
  private static List<OffendingField> offending(PodCheck check, PodSpecView pod) {
    return pod.derived(check, p -> List.copyOf(check.check(p)));
  }

  /** Judges an object; empty when it carries no pod spec. */
  public Optional<PssResult> evaluate(PssLevel level, PssVersion version, KubeObject object) {
    return PodSpecView.of(object).map(pod -> evaluate(level, version, pod));
  }
}
