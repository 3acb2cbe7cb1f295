package dev.kordon.engine;

import dev.kordon.control.Catalog;
import dev.kordon.control.Control;
import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.control.PodControl;
import dev.kordon.control.SnapshotControl;
import dev.kordon.framework.Framework;
import dev.kordon.framework.FrameworkScore;
import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.KubeObject;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.model.SourceLocation;
import dev.kordon.report.ControlSummary;
import dev.kordon.report.FindingColumns;
import dev.kordon.report.Report;
import dev.kordon.report.Resource;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Runs the controls of a catalog over a snapshot and builds the finished report: findings in a
 * deterministic order, exceptions applied, frameworks scored. Objects are evaluated in parallel.
 */
public final class Engine {

  /**
   * File, line, control, resource, path, message (the order of FindingColumns.sorted), written out.
   */
  private static final Comparator<Finding> ORDER = Engine::compare;

  private static int compare(Finding a, Finding b) {
    int c = fileOf(a).compareTo(fileOf(b));
    if (c != 0) {
      return c;
    }
    c = Integer.compare(lineOf(a), lineOf(b));
    if (c != 0) {
      return c;
    }
    c = a.controlId().compareTo(b.controlId());
    if (c != 0) {
      return c;
    }
    c = a.resource().compareTo(b.resource());
    if (c != 0) {
      return c;
    }
    c = a.path().compareTo(b.path());
    return c != 0 ? c : a.message().compareTo(b.message());
  }

  /** Findings without a file (cluster objects) sort after every file. */
  private static String fileOf(Finding f) {
    return f.location().isPresent() ? f.location().get().file() : "\uffff";
  }

  private static int lineOf(Finding f) {
    return f.location().isPresent() ? f.location().get().line() : 0;
  }

  private final List<Control> controls;
  private final List<Framework> frameworks;
  private final EngineOptions options;
  // control id -> ids of the frameworks whose scores it counts in
  private final Map<String, List<String>> frameworksOf;
  // a control's id followed by its former ids, which exceptions still honour
  private final Map<String, List<String>> idsOf = new HashMap<>();
  private final Map<String, ControlInfo> infos = new HashMap<>();
  // every id and former id of the catalog, for judging kordon.dev/ignore annotations
  private final Set<String> knownIds = new HashSet<>();
  private final List<ObjectControl> objectControls;
  private final List<PodControl> podControls;
  private final List<SnapshotControl> snapshotControls;
  // the object controls an object of a kind meets: those that declare the kind, "*" or no kind at
  // all, in catalog order; filled as kinds are met (a cluster has kinds no catalog names)
  private final ConcurrentHashMap<String, List<ObjectControl>> objectControlsByKind =
      new ConcurrentHashMap<>();

  public Engine(Catalog catalog, List<Framework> frameworks, EngineOptions options) {
    this.options = options;
    for (Control c : catalog.controls()) {
      knownIds.add(c.info().id());
      knownIds.addAll(c.info().altIds());
    }
    boolean restricted = !options.frameworks().isEmpty();
    this.frameworks = Framework.select(frameworks, options.frameworks());
    List<Control> selected = new ArrayList<>();
    for (Control c : catalog.controls()) {
      if (c.info().optional() && !options.enabledOptional().contains(c.info().id())) {
        continue;
      }
      if (restricted && this.frameworks.stream().noneMatch(f -> f.includes(c.info()))) {
        continue;
      }
      selected.add(c);
    }
    this.controls = List.copyOf(selected);
    // Which frameworks count each control is fixed for the engine's life: computed once here,
    // not per scan (the webhook scans one object per request).
    Map<String, List<String>> fws = new HashMap<>();
    for (Control c : controls) {
      List<String> ids = new ArrayList<>();
      for (Framework f : this.frameworks) {
        if (f.includes(c.info())) {
          ids.add(f.id());
        }
      }
      fws.put(c.info().id(), List.copyOf(ids));
    }
    this.frameworksOf = Map.copyOf(fws);
    for (Control c : controls) {
      List<String> ids = new ArrayList<>();
      ids.add(c.info().id());
      ids.addAll(c.info().altIds());
      idsOf.put(c.info().id(), List.copyOf(ids));
      infos.put(c.info().id(), c.info());
    }
    List<ObjectControl> oc = new ArrayList<>();
    List<PodControl> pc = new ArrayList<>();
    List<SnapshotControl> sc = new ArrayList<>();
    for (Control c : controls) {
      if (c instanceof ObjectControl o) {
        oc.add(o);
      } else if (c instanceof PodControl p) {
        pc.add(p);
      } else if (c instanceof SnapshotControl s) {
        sc.add(s);
      }
    }
    this.objectControls = List.copyOf(oc);
    this.podControls = List.copyOf(pc);
    this.snapshotControls = List.copyOf(sc);
  }

  /**
   * The object controls that may fire on an object of this kind: an {@link ObjectControl} applies
   * only to the kinds its {@link ControlInfo#kinds()} declares ({@code *}, or no kind at all, for
   * every kind); {@link ObjectControl#appliesTo} still decides among these.
   */
  List<ObjectControl> objectControlsFor(String kind) {
    return objectControlsByKind.computeIfAbsent(
        kind,
        k -> {
          List<ObjectControl> out = new ArrayList<>();
          for (ObjectControl c : objectControls) {
            if (c.info().declaresKind(k)) {
              out.add(c);
            }
          }
          return List.copyOf(out);
        });
  }

  /** The controls this engine runs, after framework and optional filtering. */
  public List<Control> controls() {
    return controls;
  }

  /** Per-object results, gathered without shared mutable state. */
  private record ObjectResult<F>(
      List<F> findings, List<String> evaluated, List<ScanError> errors) {}

  /**
   * What one snapshot control gave: its findings, how many objects it evaluated, and the failure of
   * its check (no findings) or of its count (the findings kept), as the serial loop had it.
   */
  private record SnapshotResult(List<Finding> findings, int evaluated, RuntimeException failure) {
    static SnapshotResult of(SnapshotControl sc, Snapshot snapshot) {
      List<Finding> findings;
      try {
        findings = sc.check(snapshot);
      } catch (RuntimeException e) {
        return new SnapshotResult(List.of(), 0, e);
      }
      try {
        return new SnapshotResult(findings, sc.evaluated(snapshot), null);
      } catch (RuntimeException e) {
        return new SnapshotResult(findings, 0, e);
      }
    }
  }

  /** Objects evaluated together before their findings are kept in columns. */
  private static final int BATCH = 512;

  /**
   * The report of the controls over a snapshot. Objects are evaluated a batch at a time (in
   * parallel when the options say so); each object's findings are merged, excepted and counted for
   * the scores right away and then kept in columns ({@link FindingColumns}), so that no full list
   * of finding records, nor one before and one after the merge, exists beside the objects' trees.
   * The report's findings are built one at a time as a writer asks for them.
   */
  public Report scan(Snapshot snapshot, List<ScanError> problems) {
    List<KubeObject> objects = snapshot.objects();
    // a big scan's findings repeat their paths, messages and lists: each kept once (see there)
    SharedParts shared = new SharedParts();
    IgnoreAnnotations.Found ignores = IgnoreAnnotations.of(snapshot, knownIds);
    FindingColumns findings = new FindingColumns();
    FailedResources failed = new FailedResources();
    List<ScanError> errors = new ArrayList<>();
    Map<String, Integer> evaluated = new HashMap<>();
    for (int from = 0; from < objects.size(); from += BATCH) {
      IntStream indices = IntStream.range(from, Math.min(objects.size(), from + BATCH));
      if (options.parallel()) {
        indices = indices.parallel();
      }
      // merged and excepted per object: the merge joins findings on one field of one object
      List<ObjectResult<SameCheckMerge.Merged>> batch =
          indices
              .mapToObj(
                  i -> {
                    ObjectResult<Finding> r = evaluate(objects.get(i), snapshot, shared);
                    return new ObjectResult<>(
                        decide(r.findings(), snapshot, ignores), r.evaluated(), r.errors());
                  })
              .toList();
      for (ObjectResult<SameCheckMerge.Merged> r : batch) {
        keep(r.findings(), findings, failed);
        errors.addAll(r.errors());
        for (String id : r.evaluated()) {
          evaluated.merge(id, 1, Integer::sum);
        }
      }
    }
    // the snapshot controls side by side (each reads the whole snapshot, and the slower ones build
    // analyses such as escalation paths), their results then taken in catalog order as before
    IntStream controlIndices = IntStream.range(0, snapshotControls.size());
    if (options.parallel()) {
      controlIndices = controlIndices.parallel();
    }
    List<SnapshotResult> snapshotResults =
        controlIndices.mapToObj(i -> SnapshotResult.of(snapshotControls.get(i), snapshot)).toList();
    List<Finding> raw = new ArrayList<>();
    for (int i = 0; i < snapshotControls.size(); i++) {
      SnapshotControl sc = snapshotControls.get(i);
      SnapshotResult result = snapshotResults.get(i);
      for (Finding f : result.findings()) {
        raw.add(withFrameworks(f, shared));
      }
      if (result.failure() != null) {
        errors.add(ScanError.error("<snapshot>", 0, failure(sc, result.failure())));
      } else {
        evaluated.merge(sc.info().id(), result.evaluated(), Integer::sum);
      }
    }
    keep(decide(raw, snapshot, ignores), findings, failed);
    raw = null;

    List<ScanError> allErrors = new ArrayList<>();
    List<ScanError> notes = new ArrayList<>();
    for (ScanError p : problems) {
      (p.isError() ? allErrors : notes).add(p);
    }
    notes.addAll(snapshot.duplicateNotes());
    notes.addAll(ignores.notes());
    allErrors.addAll(errors);

    List<Resource> resources = new ArrayList<>();
    for (KubeObject o : objects) {
      resources.add(new Resource(o.ref(), o.origin().describe()));
    }
    List<FrameworkScore> scores = score(failed.counts(), evaluated);
    return new Report(
        Report.Tool.KORDON,
        findings.summary(objects.size()),
        findings.sorted(),
        scores,
        allErrors,
        notes,
        controls.stream().map(Control::info).toList(),
        resources,
        List.of(),
        Report.SCAN,
        ControlSummary.ofCounts(
            controls.stream().map(Control::info).toList(),
            failed.counts(),
            failed.findings(),
            evaluated));
  }

  /**
   * One finding per field first, so that an exception naming either control of a merged finding
   * decides the whole of it; scores still count every member under its own control, with the status
   * of the finding it was merged into.
   *
   * @return each finding of the report with the findings it stands for
   */
  private List<SameCheckMerge.Merged> decide(
      List<Finding> raw, Snapshot snapshot, IgnoreAnnotations.Found ignores) {
    if (raw.isEmpty()) {
      return List.of();
    }
    List<SameCheckMerge.Merged> merged = SameCheckMerge.merge(raw, infos);
    List<SameCheckMerge.Merged> out = new ArrayList<>(merged.size());
    for (SameCheckMerge.Merged m : merged) {
      // its path and message were shared before the merge; its lists the columns keep per shape
      out.add(
          new SameCheckMerge.Merged(
              applyExceptions(m.finding(), m.members(), snapshot, ignores), m.members()));
    }
    return out;
  }

  /** Keeps the decided findings and counts their members for the scores. */
  private static void keep(
      List<SameCheckMerge.Merged> decided, FindingColumns findings, FailedResources failed) {
    for (SameCheckMerge.Merged m : decided) {
      findings.add(m.finding());
      if (m.finding().failed()) {
        for (Finding member : m.members()) {
          failed.add(member.controlId(), member.resource());
        }
      }
    }
  }

  /**
   * The findings on one object, as {@link #scan} of a snapshot of that object alone gives them
   * (merged, exceptions and ignore annotations applied, in report order), and the controls that
   * failed on it; without what only a report needs (scores, summaries, resources, notes). The
   * admission webhook's path, once per request.
   */
  public record ObjectFindings(
      List<Finding> findings, List<ScanError> errors, Optional<PodSpecView> pod) {
    public ObjectFindings {
      findings = List.copyOf(findings);
      errors = List.copyOf(errors);
      java.util.Objects.requireNonNull(pod, "pod");
    }

    public ObjectFindings(List<Finding> findings, List<ScanError> errors) {
      this(findings, errors, Optional.empty());
    }
  }

  /**
   * See {@link ObjectFindings}; its {@code pod} is the view the pod controls read (with what they
   * derived from it, such as Pod Security checks' results), for the caller's own Pod Security
   * evaluation of the same object.
   */
  public ObjectFindings review(KubeObject object) {
    Snapshot snapshot = Snapshot.of(List.of(object));
    // the snapshot's own copy: it may differ from the argument (a default namespace filled in).
    // No SharedParts: sharing equal parts pays off across a scan's findings, not one object's.
    KubeObject o = snapshot.objects().get(0);
    Optional<PodSpecView> pod = PodSpecView.of(o);
    ObjectResult<Finding> result = evaluate(o, pod, snapshot, null);
    List<Finding> raw = new ArrayList<>(result.findings());
    List<ScanError> errors = new ArrayList<>(result.errors());
    for (SnapshotControl sc : snapshotControls) {
      try {
        for (Finding f : sc.check(snapshot)) {
          raw.add(withFrameworks(f, null));
        }
      } catch (RuntimeException e) {
        errors.add(ScanError.error("<snapshot>", 0, failure(sc, e)));
      }
    }
    if (raw.isEmpty()) {
      return new ObjectFindings(List.of(), errors, pod);
    }
    IgnoreAnnotations.Found ignores = IgnoreAnnotations.of(snapshot, knownIds);
    List<SameCheckMerge.Merged> merged = SameCheckMerge.merge(raw, infos);
    List<Finding> findings = new ArrayList<>(merged.size());
    for (SameCheckMerge.Merged m : merged) {
      findings.add(applyExceptions(m.finding(), m.members(), snapshot, ignores));
    }
    findings.sort(ORDER);
    return new ObjectFindings(findings, errors, pod);
  }

  /** The finding with its frameworks; its parts shared through {@code shared} unless null. */
  private Finding withFrameworks(Finding f, SharedParts shared) {
    List<String> frameworks = frameworksOf.getOrDefault(f.controlId(), List.of());
    return shared == null ? f.withFrameworks(frameworks) : shared.share(f, frameworks);
  }

  private ObjectResult<Finding> evaluate(KubeObject object, Snapshot snapshot, SharedParts shared) {
    return evaluate(object, PodSpecView.of(object), snapshot, shared);
  }

  private ObjectResult<Finding> evaluate(
      KubeObject object, Optional<PodSpecView> pod, Snapshot snapshot, SharedParts shared) {
    List<Finding> findings = new ArrayList<>();
    List<String> evaluated = new ArrayList<>();
    List<ScanError> errors = new ArrayList<>();
    for (ObjectControl c : objectControlsFor(object.kind())) {
      if (!c.appliesTo(object)) {
        continue;
      }
      evaluated.add(c.info().id());
      try {
        for (Finding f : c.check(object, snapshot)) {
          findings.add(withFrameworks(f, shared));
        }
      } catch (RuntimeException e) {
        errors.add(error(object, c, e));
      }
    }
    if (pod.isPresent()) {
      for (PodControl c : podControls) {
        evaluated.add(c.info().id());
        try {
          for (Finding f : c.check(pod.get(), snapshot)) {
            findings.add(withFrameworks(f, shared));
          }
        } catch (RuntimeException e) {
          errors.add(error(object, c, e));
        }
      }
    }
    return new ObjectResult<>(findings, evaluated, errors);
  }

  private static ScanError error(KubeObject object, Control c, RuntimeException e) {
    Optional<SourceLocation> at = object.locate(dev.kordon.model.JsonPointer.ROOT);
    return ScanError.error(
        at.map(SourceLocation::file).orElse(object.origin().describe()),
        at.map(SourceLocation::line).orElse(0),
        failure(c, e) + " on " + object.ref().display());
  }

  private static String failure(Control c, RuntimeException e) {
    return "control "
        + c.info().id()
        + " failed: "
        + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /**
   * The finding, excepted when a rule names the control of any of its members (or a former id):
   * first the object's own {@code kordon.dev/ignore} annotations, which never expire, then the
   * exceptions file.
   */
  private Finding applyExceptions(
      Finding f, List<Finding> members, Snapshot snapshot, IgnoreAnnotations.Found ignores) {
    List<ExceptionRule> annotated = ignores.on(f.resource());
    if (options.exceptions().rules().isEmpty() && annotated.isEmpty()) {
      return f;
    }
    ObjectRef ref = f.resource();
    Map<String, String> labels =
        snapshot
            .find(ref.kind(), ref.namespace(), ref.name())
            .map(KubeObject::labels)
            .orElse(Map.of());
    List<String> ids = new ArrayList<>();
    for (Finding m : members) {
      ids.addAll(idsOf.getOrDefault(m.controlId(), List.of(m.controlId())));
    }
    List<ExceptionRule> rules = new ArrayList<>(annotated);
    rules.addAll(options.exceptions().rules());
    for (ExceptionRule rule : rules) {
      if (ids.stream().noneMatch(id -> rule.matches(id, ref, labels))) {
        continue;
      }
      if (rule.expiredOn(options.today())) {
        return f.withStatus(
            FindingStatus.FAIL,
            "exception expired on " + rule.expires().orElseThrow() + " (" + rule.source() + ")");
      }
      return f.withStatus(FindingStatus.EXCEPTED, rule.reason());
    }
    return f;
  }

  /**
   * @param failedResources per control id, how many objects its failed (not excepted) findings are
   *     about
   */
  private List<FrameworkScore> score(
      Map<String, Integer> failedResources, Map<String, Integer> evaluated) {
    List<FrameworkScore> scores = new ArrayList<>();
    for (Framework fw : frameworks) {
      Map<String, FrameworkScore.ControlScore> perControl = new LinkedHashMap<>();
      for (Control c : controls) {
        ControlInfo info = c.info();
        if (!frameworksOf.get(info.id()).contains(fw.id())) {
          continue;
        }
        int n = evaluated.getOrDefault(info.id(), 0);
        int bad = failedResources.getOrDefault(info.id(), 0);
        n = Math.max(n, bad);
        perControl.put(info.id(), new FrameworkScore.ControlScore(info.id(), n, bad));
      }
      scores.add(
          new FrameworkScore(fw.id(), fw.name(), fw.version(), List.copyOf(perControl.values())));
    }
    return scores;
  }
}
