package dev.kordon.rules;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A {@code ValidatingAdmissionPolicyBinding}: which policy, with which params, where, how. */
public record PolicyBinding(
    String name,
    String policyName,
    Optional<ParamRef> paramRef,
    MatchResources match,
    List<Action> actions) {

  static final String KIND = "ValidatingAdmissionPolicyBinding";

  /** {@code spec.validationActions[]}. */
  public enum Action {
    DENY("Deny"),
    WARN("Warn"),
    AUDIT("Audit");

    public final String word;

    Action(String word) {
      this.word = word;
    }
  }

  /**
   * {@code spec.paramRef}: one object by name, or every object a selector matches.
   *
   * @param namespace empty: the namespace of the request (for namespaced params)
   * @param denyWhenMissing {@code parameterNotFoundAction: Deny}
   */
  public record ParamRef(
      String name, String namespace, Optional<LabelSelector> selector, boolean denyWhenMissing) {}

  public PolicyBinding {
    actions = List.copyOf(actions);
  }

  static boolean is(KubeObject o) {
    return KIND.equals(o.kind()) && o.apiVersion().startsWith(AdmissionPolicy.GROUP);
  }

  static PolicyBinding parse(KubeObject o) {
    SpecNode spec = new SpecNode(o.origin().describe(), "spec", o.raw().path("spec"));
    spec.only(Set.of("policyName", "paramRef", "matchResources", "validationActions"));
    String policy = spec.required("policyName");
    Optional<ParamRef> ref = Optional.empty();
    SpecNode p = spec.child("paramRef");
    if (p.present()) {
      p.only(Set.of("name", "namespace", "selector", "parameterNotFoundAction"));
      String name = p.text("name", "");
      SpecNode sel = p.child("selector");
      if (name.isEmpty() == !sel.present()) {
        throw p.error("exactly one of name or selector must be set");
      }
      String action = p.text("parameterNotFoundAction", "Deny");
      if (!action.equals("Deny") && !action.equals("Allow")) {
        throw p.child("parameterNotFoundAction").error("must be Allow or Deny");
      }
      ref =
          Optional.of(
              new ParamRef(
                  name,
                  p.text("namespace", ""),
                  sel.present() ? Optional.of(LabelSelector.from(sel.node())) : Optional.empty(),
                  action.equals("Deny")));
    }
    SpecNode m = spec.child("matchResources");
    MatchResources match = m.present() ? AdmissionPolicy.match(m) : MatchResources.ALL;
    List<Action> actions = new ArrayList<>();
    for (String a : spec.strings("validationActions")) {
      Action found = null;
      for (Action candidate : Action.values()) {
        if (candidate.word.equals(a)) {
          found = candidate;
        }
      }
      if (found == null || actions.contains(found)) {
        throw spec.child("validationActions").error("invalid or repeated action " + a);
      }
      actions.add(found);
    }
    if (actions.isEmpty()) {
      throw spec.child("validationActions").error("is required");
    }
    if (actions.contains(Action.DENY) && actions.contains(Action.WARN)) {
      throw spec.child("validationActions").error("Deny and Warn may not be used together");
    }
    return new PolicyBinding(o.name(), policy, ref, match, actions);
  }
}
