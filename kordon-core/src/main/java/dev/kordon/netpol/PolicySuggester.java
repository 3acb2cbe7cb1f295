package dev.kordon.netpol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import tools.jackson.databind.JsonNode;

/**
 * Least-privilege NetworkPolicies from observed flows: for every namespace with pods, a default
 * deny of both directions; for every workload that sent or received an observed flow, one policy
 * selecting it by its labels that allows exactly those flows (sources in ingress, destinations in
 * egress, with their ports). Nothing else is allowed, DNS included: a DNS lookup is allowed only if
 * it was observed.
 *
 * <p>Live pods of one workload are one workload: same namespace and the same labels once the labels
 * controllers add per pod or per revision ({@code pod-template-hash} and the like) are left out.
 * Selectors never use those, nor labels that name a version ({@code app.kubernetes.io/version},
 * {@code helm.sh/chart}, {@code version}, ...): the next release would fall out of the policy.
 */
public final class PolicySuggester {

  /** Labels that differ between revisions or replicas of one workload, never used to select. */
  public static final Set<String> VOLATILE_LABELS =
      Set.of(
          "pod-template-hash",
          "controller-revision-hash",
          "pod-template-generation",
          "statefulset.kubernetes.io/pod-name",
          "apps.kubernetes.io/pod-index",
          "controller-uid",
          "job-name",
          "batch.kubernetes.io/controller-uid",
          "batch.kubernetes.io/job-name",
          "batch.kubernetes.io/job-completion-index");

  /**
   * Labels that name a version of a workload rather than the workload: a new release changes them,
   * and a selector on them stops matching after the next upgrade. Never used to select.
   */
  public static final Set<String> VERSION_LABELS =
      Set.of(
          "app.kubernetes.io/version",
          "helm.sh/chart",
          "chart",
          "version",
          "app.kubernetes.io/revision",
          "service.istio.io/canonical-revision",
          "skaffold.dev/run-id");

  /** Label names (the part after a prefix's {@code /}) that name a version under any prefix. */
  private static final Set<String> VERSION_NAMES =
      Set.of(
          "version",
          "chart",
          "revision",
          "canonical-revision",
          "build",
          "build-id",
          "commit",
          "git-commit",
          "git-sha",
          "image-tag",
          "run-id");

  /**
   * Whether a label may appear in a suggested selector: not one that differs between replicas or
   * revisions ({@link #VOLATILE_LABELS}), nor one that names a version ({@link #VERSION_LABELS}, or
   * a name such as {@code version}, {@code chart}, {@code revision} under any prefix).
   */
  public static boolean selectable(String label) {
    if (VOLATILE_LABELS.contains(label) || VERSION_LABELS.contains(label)) {
      return false;
    }
    String name = label.substring(label.indexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    return !VERSION_NAMES.contains(name) && !name.endsWith("-hash");
  }

  /** The policies (as plain maps, in output order) and notes on what could not be expressed. */
  public record Suggestion(List<Map<String, Object>> policies, List<String> notes) {
    public Suggestion {
      policies = List.copyOf(policies);
      notes = List.copyOf(notes);
    }

    /** The policies as one YAML stream, documents separated by {@code ---}. */
    public String toYaml() {
      Dump dump =
          new Dump(
              DumpSettings.builder()
                  .setDefaultFlowStyle(FlowStyle.BLOCK)
                  .setExplicitStart(true)
                  .build());
      return dump.dumpAllToString(new ArrayList<Object>(policies).iterator());
    }
  }

  private record Workload(String namespace, String name, Map<String, String> labels) {}

  private static final class Rules {
    final Map<String, Map<String, Object>> peers = new TreeMap<>();
    final Map<String, Set<PortProtocol>> ports = new TreeMap<>();

    void add(String key, Map<String, Object> peer, PortProtocol pp) {
      peers.putIfAbsent(key, peer);
      ports
          .computeIfAbsent(
              key,
              k ->
                  new TreeSet<>(
                      Comparator.comparing(PortProtocol::protocol)
                          .thenComparingInt(PortProtocol::port)))
          .add(pp);
    }

    List<Object> render(String peersField) {
      List<Object> out = new ArrayList<>();
      for (Map.Entry<String, Map<String, Object>> e : peers.entrySet()) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put(peersField, List.of(e.getValue()));
        List<Object> ports = new ArrayList<>();
        for (PortProtocol pp : this.ports.get(e.getKey())) {
          Map<String, Object> port = new LinkedHashMap<>();
          port.put("protocol", pp.protocol().name());
          port.put("port", pp.port());
          ports.add(port);
        }
        rule.put("ports", ports);
        out.add(rule);
      }
      return out;
    }
  }

  public Suggestion suggest(PolicyModel model, List<Flow> flows) {
    List<String> notes = new ArrayList<>();
    Map<Workload, Rules> ingress = new TreeMap<>(WORKLOAD_ORDER);
    Map<Workload, Rules> egress = new TreeMap<>(WORKLOAD_ORDER);
    for (Flow f : flows) {
      Optional<Endpoint> from = model.resolve(f.source());
      Optional<Endpoint> to = model.resolve(f.destination());
      if (from.isEmpty() || to.isEmpty()) {
        notes.add(
            "line "
                + f.line()
                + ": "
                + (from.isEmpty() ? f.source() : f.destination())
                + " is no pod of the inputs and no IP address; flow left out");
        continue;
      }
      PortProtocol pp = new PortProtocol(f.port(), f.protocol());
      if (from.get() instanceof PodGroup && selectable((PodGroup) from.get(), notes)) {
        Workload w = workload((PodGroup) from.get());
        peer(to.get(), w.namespace(), notes)
            .ifPresent(
                p -> egress.computeIfAbsent(w, k -> new Rules()).add(p.getKey(), p.getValue(), pp));
      }
      if (to.get() instanceof PodGroup && selectable((PodGroup) to.get(), notes)) {
        Workload w = workload((PodGroup) to.get());
        peer(from.get(), w.namespace(), notes)
            .ifPresent(
                p ->
                    ingress.computeIfAbsent(w, k -> new Rules()).add(p.getKey(), p.getValue(), pp));
      }
    }
    List<Map<String, Object>> policies = new ArrayList<>();
    Set<String> namespaces = new TreeSet<>();
    for (PodGroup p : model.pods()) {
      namespaces.add(p.namespace());
    }
    for (String ns : namespaces) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("podSelector", new LinkedHashMap<>());
      spec.put("policyTypes", List.of("Ingress", "Egress"));
      policies.add(policy(ns, "default-deny", spec));
    }
    Set<Workload> workloads = new TreeSet<>(WORKLOAD_ORDER);
    workloads.addAll(ingress.keySet());
    workloads.addAll(egress.keySet());
    Map<String, Integer> used = new HashMap<>();
    for (Workload w : workloads) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("podSelector", Map.of("matchLabels", new TreeMap<>(w.labels())));
      spec.put("policyTypes", List.of("Ingress", "Egress"));
      spec.put("ingress", ingress.containsKey(w) ? ingress.get(w).render("from") : List.of());
      spec.put("egress", egress.containsKey(w) ? egress.get(w).render("to") : List.of());
      // workloads that share a name (two kinds, or copies with other labels) get -2, -3...
      String name = name(w.name());
      int n = used.merge(w.namespace() + "/" + name, 1, Integer::sum);
      policies.add(policy(w.namespace(), n == 1 ? name : name + "-" + n, spec));
    }
    return new Suggestion(policies, notes);
  }

  private static final Comparator<Workload> WORKLOAD_ORDER =
      Comparator.comparing(Workload::namespace)
          .thenComparing(Workload::name)
          .thenComparing(w -> new TreeMap<>(w.labels()).toString());

  private static String name(String workload) {
    String n = "allow-observed-" + workload;
    return n.length() > 253 ? n.substring(0, 253) : n;
  }

  private static Map<String, Object> policy(String ns, String name, Map<String, Object> spec) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    meta.put("namespace", ns);
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("apiVersion", "networking.k8s.io/v1");
    policy.put("kind", "NetworkPolicy");
    policy.put("metadata", meta);
    policy.put("spec", spec);
    return policy;
  }

  private static boolean selectable(PodGroup pod, List<String> notes) {
    if (pod.hostNetwork()) {
      note(notes, pod.id() + " uses the host network: NetworkPolicies cannot restrict it");
      return false;
    }
    if (stableLabels(pod).isEmpty()) {
      note(notes, pod.id() + " has no labels to select it by; no policy written for it");
      return false;
    }
    return true;
  }

  private static void note(List<String> notes, String note) {
    if (!notes.contains(note)) {
      notes.add(note);
    }
  }

  /** The peer that matches an endpoint from a policy in {@code namespace}, keyed for merging. */
  private static Optional<Map.Entry<String, Map<String, Object>>> peer(
      Endpoint endpoint, String namespace, List<String> notes) {
    Map<String, Object> peer = new LinkedHashMap<>();
    if (endpoint instanceof PodGroup
        && !((PodGroup) endpoint).hostNetwork()
        && !stableLabels((PodGroup) endpoint).isEmpty()) {
      PodGroup pod = (PodGroup) endpoint;
      if (!pod.namespace().equals(namespace)) {
        peer.put(
            "namespaceSelector",
            Map.of("matchLabels", Map.of(PolicyModel.NAME_LABEL, pod.namespace())));
      }
      peer.put("podSelector", Map.of("matchLabels", new TreeMap<>(stableLabels(pod))));
      return Optional.of(
          Map.entry("pod " + pod.namespace() + " " + new TreeMap<>(stableLabels(pod)), peer));
    }
    Optional<IpAddress> ip = endpoint.address();
    if (ip.isEmpty()) {
      note(notes, endpoint.id() + " has no labels and no known IP; its flows are left out");
      return Optional.empty();
    }
    peer.put("ipBlock", Map.of("cidr", ip.get() + (ip.get().isV4() ? "/32" : "/128")));
    return Optional.of(Map.entry("ip " + ip.get(), peer));
  }

  static Map<String, String> stableLabels(PodGroup pod) {
    Map<String, String> out = new TreeMap<>(pod.labels());
    out.keySet().removeIf(label -> !selectable(label));
    return out;
  }

  /** The workload a pod belongs to: its template group, or its owner for a live pod. */
  private static Workload workload(PodGroup pod) {
    String name = pod.name();
    if (!pod.template()) {
      JsonNode owners = pod.object().raw().path("metadata").path("ownerReferences");
      if (owners.isArray() && !owners.isEmpty()) {
        name = owners.get(0).path("name").asString(name);
        String hash = pod.labels().get("pod-template-hash");
        if (hash != null && name.endsWith("-" + hash)) {
          name = name.substring(0, name.length() - hash.length() - 1);
        }
      }
    }
    return new Workload(pod.namespace(), name, stableLabels(pod));
  }
}
