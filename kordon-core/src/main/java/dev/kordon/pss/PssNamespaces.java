package dev.kordon.pss;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pod Security across namespaces: each workload judged by its own namespace's labels (over the
 * configured defaults), and what a new label would do to each namespace.
 */
public final class PssNamespaces {

  private final PssEvaluator evaluator;
  private final PssDefaults defaults;

  public PssNamespaces(PssEvaluator evaluator, PssDefaults defaults) {
    this.evaluator = evaluator;
    this.defaults = defaults;
  }

  /** A workload's verdict in one mode. */
  public record ModeVerdict(PssMode mode, PssPolicy policy, PssResult result) {}

  /**
   * One workload judged by its namespace.
   *
   * @param exemption why the workload is exempt (namespace or runtime class); empty when it is not
   * @param verdicts one per mode, in enforce, audit, warn order; empty when exempt
   * @param copy where the workload was defined ({@code file:line}) when the inputs define it
   *     several times (each copy is judged on its own); empty otherwise
   */
  public record WorkloadVerdict(
      KubeObject object,
      String namespace,
      String exemption,
      List<ModeVerdict> verdicts,
      String copy) {

    public WorkloadVerdict {
      verdicts = List.copyOf(verdicts);
    }

    public Optional<ModeVerdict> verdict(PssMode mode) {
      return verdicts.stream().filter(v -> v.mode() == mode).findFirst();
    }

    /** Enforce would reject it (for a workload: the pods it creates). */
    public boolean rejected() {
      return verdict(PssMode.ENFORCE).map(v -> !v.result().allowed()).orElse(false);
    }
  }

  /**
   * What a namespace's workloads would do under a new enforce policy.
   *
   * @param deniedCopies for each of {@code denied}, {@code file:line} of that copy when the inputs
   *     define the workload several times, else empty
   */
  public record WhatIf(
      String namespace,
      boolean exempt,
      PssPolicy current,
      PssPolicy proposed,
      int workloads,
      List<PssResult> denied,
      List<PssResult> newlyDenied,
      List<String> deniedCopies) {

    public WhatIf {
      denied = List.copyOf(denied);
      newlyDenied = List.copyOf(newlyDenied);
      deniedCopies = List.copyOf(deniedCopies);
    }

    /** One line per namespace, as the summary of a dry-run label change. */
    public String summary() {
      if (exempt) {
        return "namespace " + namespace + ": exempt by configuration, nothing would be denied";
      }
      return "namespace "
          + namespace
          + ": "
          + denied.size()
          + " of "
          + workloads
          + " workloads would be denied at "
          + proposed
          + " ("
          + newlyDenied.size()
          + " not denied today by enforce "
          + current
          + ")";
    }
  }

  /** The namespace a workload lives in; objects without one go to {@code default}. */
  public static String namespaceOf(KubeObject o) {
    return o.namespace().isEmpty() ? "default" : o.namespace();
  }

  /**
   * The policy of every namespace the snapshot mentions, sorted by name. A Namespace the inputs
   * define several times with different labels gets, in each mode, the strictest policy of its
   * copies (highest level, then newest version): whichever copy is applied last, no pod it would
   * reject is reported as admitted. The snapshot's note on the duplicate says so.
   */
  public Map<String, NamespacePolicy> policies(Snapshot snapshot) {
    Map<String, List<Map<String, String>>> labels = new LinkedHashMap<>();
    for (KubeObject ns : snapshot.ofKind("Namespace")) {
      labels.computeIfAbsent(ns.name(), k -> new ArrayList<>()).add(ns.labels());
    }
    Map<String, NamespacePolicy> out = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(snapshot.namespaceNames());
    for (PodSpecView w : snapshot.workloads()) {
      if (!names.contains(namespaceOf(w.object()))) {
        names.add(namespaceOf(w.object()));
      }
    }
    names.sort(null);
    for (String name : names) {
      List<NamespacePolicy> copies = new ArrayList<>();
      for (Map<String, String> l : labels.getOrDefault(name, List.of(Map.of()))) {
        copies.add(NamespacePolicy.read(name, l, defaults));
      }
      out.put(name, strictest(copies));
    }
    return out;
  }

  /** In each mode, the strictest policy among the copies of one namespace. */
  private static NamespacePolicy strictest(List<NamespacePolicy> copies) {
    NamespacePolicy first = copies.get(0);
    if (copies.size() == 1) {
      return first;
    }
    Map<PssMode, PssPolicy> policies = new EnumMap<>(PssMode.class);
    Set<PssMode> labelled = EnumSet.noneOf(PssMode.class);
    Set<String> errors = new LinkedHashSet<>();
    for (NamespacePolicy c : copies) {
      for (PssMode m : PssMode.values()) {
        policies.merge(m, c.policy(m), (a, b) -> STRICTNESS.compare(a, b) >= 0 ? a : b);
      }
      labelled.addAll(c.labelled());
      errors.addAll(c.errors());
    }
    return new NamespacePolicy(
        first.namespace(), policies, List.copyOf(labelled), List.copyOf(errors), first.exempt());
  }

  private static final Comparator<PssPolicy> STRICTNESS =
      Comparator.comparing(PssPolicy::level).thenComparing(PssPolicy::version);

  /** Every workload of the snapshot, in input order, judged in every mode of its namespace. */
  public List<WorkloadVerdict> evaluate(Snapshot snapshot) {
    Map<String, NamespacePolicy> policies = policies(snapshot);
    List<WorkloadVerdict> out = new ArrayList<>();
    for (PodSpecView pod : snapshot.workloads()) {
      String ns = namespaceOf(pod.object());
      NamespacePolicy policy = policies.get(ns);
      String exemption = exemption(policy, pod);
      List<ModeVerdict> verdicts = new ArrayList<>();
      if (exemption.isEmpty()) {
        for (PssMode m : PssMode.values()) {
          PssPolicy p = policy.policy(m);
          verdicts.add(new ModeVerdict(m, p, evaluator.evaluate(p.level(), p.version(), pod)));
        }
      }
      out.add(
          new WorkloadVerdict(
              pod.object(), ns, exemption, verdicts, snapshot.copyLocation(pod.object())));
    }
    return out;
  }

  private String exemption(NamespacePolicy policy, PodSpecView pod) {
    if (policy.exempt()) {
      return "namespace " + policy.namespace() + " is exempt";
    }
    String runtimeClass = pod.at("runtimeClassName").asString("");
    if (!runtimeClass.isEmpty() && defaults.exemptRuntimeClasses().contains(runtimeClass)) {
      return "runtime class " + runtimeClass + " is exempt";
    }
    return "";
  }

  /**
   * For every namespace, which workloads would be denied if it were labelled {@code enforce} with
   * the proposed policy: the offline form of a server-side dry run of the label change.
   */
  public List<WhatIf> whatIf(Snapshot snapshot, PssPolicy proposed) {
    Map<String, NamespacePolicy> policies = policies(snapshot);
    Map<String, List<PodSpecView>> byNamespace = new LinkedHashMap<>();
    for (String ns : policies.keySet()) {
      byNamespace.put(ns, new ArrayList<>());
    }
    for (PodSpecView pod : snapshot.workloads()) {
      byNamespace.get(namespaceOf(pod.object())).add(pod);
    }
    List<WhatIf> out = new ArrayList<>();
    for (Map.Entry<String, List<PodSpecView>> e : byNamespace.entrySet()) {
      NamespacePolicy policy = policies.get(e.getKey());
      PssPolicy current = policy.policy(PssMode.ENFORCE);
      List<PssResult> denied = new ArrayList<>();
      List<PssResult> newly = new ArrayList<>();
      List<String> copies = new ArrayList<>();
      int judged = 0;
      for (PodSpecView pod : e.getValue()) {
        if (!exemption(policy, pod).isEmpty()) {
          continue;
        }
        judged++;
        PssResult after = evaluator.evaluate(proposed.level(), proposed.version(), pod);
        if (!after.allowed()) {
          denied.add(after);
          copies.add(snapshot.copyLocation(pod.object()));
          if (evaluator.evaluate(current.level(), current.version(), pod).allowed()) {
            newly.add(after);
          }
        }
      }
      out.add(
          new WhatIf(
              e.getKey(), policy.exempt(), current, proposed, judged, denied, newly, copies));
    }
    return out;
  }
}
