package dev.kordon.pss;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
   */
  public record WorkloadVerdict(
      KubeObject object, String namespace, String exemption, List<ModeVerdict> verdicts) {

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

  /** What a namespace's workloads would do under a new enforce policy. */
  public record WhatIf(
      String namespace,
      PssPolicy current,
      PssPolicy proposed,
      int workloads,
      List<PssResult> denied,
      List<PssResult> newlyDenied) {

    public WhatIf {
      denied = List.copyOf(denied);
      newlyDenied = List.copyOf(newlyDenied);
    }

    /** One line per namespace, as the summary of a dry-run label change. */
    public String summary() {
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

  /** The policy of every namespace the snapshot mentions, sorted by name. */
  public Map<String, NamespacePolicy> policies(Snapshot snapshot) {
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    for (KubeObject ns : snapshot.ofKind("Namespace")) {
      labels.put(ns.name(), ns.labels());
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
      out.put(name, NamespacePolicy.read(name, labels.getOrDefault(name, Map.of()), defaults));
    }
    return out;
  }

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
      out.add(new WorkloadVerdict(pod.object(), ns, exemption, verdicts));
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
      int judged = 0;
      for (PodSpecView pod : e.getValue()) {
        if (!exemption(policy, pod).isEmpty()) {
          continue;
        }
        judged++;
        PssResult after = evaluator.evaluate(proposed.level(), proposed.version(), pod);
        if (!after.allowed()) {
          denied.add(after);
          if (evaluator.evaluate(current.level(), current.version(), pod).allowed()) {
            newly.add(after);
          }
        }
      }
      out.add(new WhatIf(e.getKey(), current, proposed, judged, denied, newly));
    }
    return out;
  }
}
