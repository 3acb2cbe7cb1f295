package dev.kordon.rules;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Admission policies and bindings, compiled, with the objects that may serve as their params (those
 * given beside the policies; the scanned objects are searched too).
 */
public final class PolicySet {

  public static final PolicySet EMPTY = new PolicySet(Map.of(), List.of(), List.of());

  private final Map<String, AdmissionPolicy> policies;
  private final List<PolicyBinding> bindings;
  private final List<KubeObject> extraParams;

  private PolicySet(
      Map<String, AdmissionPolicy> policies,
      List<PolicyBinding> bindings,
      List<KubeObject> extraParams) {
    this.policies = policies;
    this.bindings = List.copyOf(bindings);
    this.extraParams = List.copyOf(extraParams);
  }

  /** Policies, bindings and param objects from any mix of objects; the rest are params. */
  public static PolicySet of(List<KubeObject> objects, KubeCel cel) {
    Map<String, AdmissionPolicy> policies = new LinkedHashMap<>();
    List<PolicyBinding> bindings = new ArrayList<>();
    List<KubeObject> params = new ArrayList<>();
    for (KubeObject o : objects) {
      if (AdmissionPolicy.is(o)) {
        policies.putIfAbsent(o.name(), AdmissionPolicy.parse(o, cel));
      } else if (PolicyBinding.is(o)) {
        bindings.add(PolicyBinding.parse(o));
      } else if (!RuleParser.isRule(o)) {
        params.add(o);
      }
    }
    return new PolicySet(policies, bindings, params);
  }

  /** This set with the policies, bindings and params of another (files before scanned objects). */
  public PolicySet plus(PolicySet other) {
    Map<String, AdmissionPolicy> all = new LinkedHashMap<>(policies);
    other.policies.forEach(all::putIfAbsent);
    List<PolicyBinding> b = new ArrayList<>(bindings);
    b.addAll(other.bindings);
    List<KubeObject> p = new ArrayList<>(extraParams);
    p.addAll(other.extraParams);
    return new PolicySet(all, b, p);
  }

  static boolean isPolicyObject(KubeObject o) {
    return AdmissionPolicy.is(o) || PolicyBinding.is(o) || RuleParser.isRule(o);
  }

  public List<AdmissionPolicy> policies() {
    return List.copyOf(policies.values());
  }

  public List<PolicyBinding> bindings() {
    return bindings;
  }

  public boolean isEmpty() {
    return policies.isEmpty() && bindings.isEmpty();
  }

  public Optional<AdmissionPolicy> policy(String name) {
    return Optional.ofNullable(policies.get(name));
  }

  /** Bindings whose policy is not in the set: the API server ignores them; we say so. */
  public List<PolicyBinding> unboundBindings() {
    return bindings.stream().filter(b -> !policies.containsKey(b.policyName())).toList();
  }

  /**
   * The param objects of a binding for one request: by name or selector, in the binding's
   * namespace, else the request's namespace; a cluster-scoped param (no namespace) is found too.
   */
  List<KubeObject> params(
      AdmissionPolicy.ParamKind kind,
      PolicyBinding.ParamRef ref,
      String requestNamespace,
      Snapshot snapshot) {
    String ns = ref.namespace().isEmpty() ? requestNamespace : ref.namespace();
    List<KubeObject> candidates = new ArrayList<>(extraParams);
    candidates.addAll(snapshot.ofKind(kind.kind()));
    List<KubeObject> out = new ArrayList<>();
    for (KubeObject o : candidates) {
      if (!o.kind().equals(kind.kind()) || !o.apiVersion().equals(kind.apiVersion())) {
        continue;
      }
      if (!o.namespace().equals(ns) && !o.namespace().isEmpty()) {
        continue;
      }
      boolean selected =
          ref.selector().isPresent()
              ? ref.selector().get().matches(o.labels())
              : o.name().equals(ref.name());
      if (selected && !out.contains(o)) {
        out.add(o);
      }
    }
    return out;
  }
}
