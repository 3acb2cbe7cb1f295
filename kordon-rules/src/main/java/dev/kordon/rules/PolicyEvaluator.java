package dev.kordon.rules;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates ValidatingAdmissionPolicies and their bindings offline, as the API server's validating
 * admission policy plugin would for a CREATE of every object of the snapshot: match constraints and
 * binding match resources, params from the snapshot, match conditions, variables, validations,
 * failure policy, validation actions and audit annotations.
 */
public final class PolicyEvaluator {

  /** The audit annotation the API server records for validations failed under Audit. */
  public static final String VALIDATION_FAILURE =
      "validation.policy.admission.k8s.io/validation_failure";

  /** Built when first needed (an audit annotation): building a mapper costs at every start. */
  private static final class Compact {
    static final JsonMapper MAPPER = JsonMapper.builder().build();
  }

  private final Requester requester;

  public PolicyEvaluator(Requester requester) {
    this.requester = requester;
  }

  /** Every binding of a known policy, in input order, over every object of the snapshot. */
  public List<PolicyResult> evaluate(PolicySet set, Snapshot snapshot) {
    List<PolicyResult> out = new ArrayList<>();
    for (PolicyBinding b : set.bindings()) {
      Optional<AdmissionPolicy> p = set.policy(b.policyName());
      p.ifPresent(policy -> out.add(evaluate(policy, b, set, snapshot)));
    }
    return out;
  }

  PolicyResult evaluate(
      AdmissionPolicy policy, PolicyBinding binding, PolicySet set, Snapshot snapshot) {
    List<Decision> decisions = new ArrayList<>();
    List<PolicyResult.Annotation> annotations = new ArrayList<>();
    int matched = 0;
    for (KubeObject object : snapshot.objects()) {
      if (PolicySet.isPolicyObject(object)) {
        continue;
      }
      CreateRequest request = CreateRequest.of(object, snapshot);
      if (!policy.match().matches(request) || !binding.match().matches(request)) {
        continue;
      }
      matched++;
      new Run(policy, binding, request, decisions, annotations).run(set, snapshot);
    }
    return new PolicyResult(
        policy.name(), binding.name(), binding.actions(), matched, decisions, annotations);
  }

  /** The evaluation of one policy and binding on one request. */
  private final class Run {
    private final AdmissionPolicy policy;
    private final PolicyBinding binding;
    private final CreateRequest request;
    private final List<Decision> decisions;
    private final List<PolicyResult.Annotation> annotations;

    Run(
        AdmissionPolicy policy,
        PolicyBinding binding,
        CreateRequest request,
        List<Decision> decisions,
        List<PolicyResult.Annotation> annotations) {
      this.policy = policy;
      this.binding = binding;
      this.request = request;
      this.decisions = decisions;
      this.annotations = annotations;
    }

    private void decide(String param, Decision.Cause cause, String message, String reason) {
      decisions.add(
          new Decision(
              policy.name(),
              binding.name(),
              request.object(),
              param,
              cause,
              binding.actions(),
              message,
              reason));
    }

    void run(PolicySet set, Snapshot snapshot) {
      if (!policy.errors().isEmpty()) {
        if (policy.failClosed()) {
          decide(
              "",
              Decision.Cause.CONFIGURATION_ERROR,
              "policy does not compile: " + policy.errors().get(0).describe(),
              "Invalid");
        }
        return;
      }
      if (policy.paramKind().isEmpty()) {
        evaluate("", dev.cel.common.values.NullValue.NULL_VALUE);
        return;
      }
      if (binding.paramRef().isEmpty()) {
        if (policy.failClosed()) {
          decide(
              "",
              Decision.Cause.CONFIGURATION_ERROR,
              "policy "
                  + policy.name()
                  + " has paramKind but binding "
                  + binding.name()
                  + " has no paramRef",
              "Invalid");
        }
        return;
      }
      PolicyBinding.ParamRef ref = binding.paramRef().get();
      List<KubeObject> params =
          set.params(policy.paramKind().get(), ref, request.namespace(), snapshot);
      if (params.isEmpty()) {
        if (ref.denyWhenMissing()) {
          decide(
              "",
              Decision.Cause.PARAMS_NOT_FOUND,
              "failed to configure binding: no params found for policy binding with `Deny`"
                  + " parameterNotFoundAction",
              "Invalid");
        }
        return;
      }
      for (KubeObject param : params) {
        String id =
            param.namespace().isEmpty() ? param.name() : param.namespace() + "/" + param.name();
        evaluate(id, KubeValues.of(param.raw()));
      }
    }

    /** One entry of the API server's {@code validation_failure} audit annotation. */
    private Map<String, Object> auditRecord(int index, String message) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("message", message);
      r.put("policy", policy.name());
      r.put("binding", binding.name());
      r.put("expressionIndex", index);
      r.put("validationActions", binding.actions().stream().map(a -> a.word).toList());
      return r;
    }

    private void evaluate(String param, Object params) {
      Map<String, Object> activation = request.activation(requester);
      activation.put("params", params);
      new LazyVariables(policy.variables(), activation);
      // as the API server: any false condition skips the policy, even when another one errs
      String conditionError = null;
      for (NamedExpression condition : policy.matchConditions()) {
        try {
          if (!Boolean.TRUE.equals(condition.expression().eval(activation))) {
            return;
          }
        } catch (EvaluationError e) {
          if (conditionError == null) {
            conditionError =
                "matchCondition '" + condition.name() + "' resulted in error: " + e.getMessage();
          }
        }
      }
      if (conditionError != null) {
        if (policy.failClosed()) {
          decide(param, Decision.Cause.EVALUATION_ERROR, conditionError, "Forbidden");
        }
        return;
      }
      List<Map<String, Object>> audited = new ArrayList<>();
      for (int i = 0; i < policy.validations().size(); i++) {
        Validation v = policy.validations().get(i);
        Validation.Outcome outcome = v.evaluate(activation);
        boolean failed = outcome.status() == Validation.Status.FAILED;
        if (failed) {
          decide(param, Decision.Cause.VALIDATION_FAILED, outcome.message(), v.reason());
        } else if (outcome.status() == Validation.Status.ERROR && policy.failClosed()) {
          decide(param, Decision.Cause.EVALUATION_ERROR, outcome.message(), "Forbidden");
          failed = true;
        }
        if (failed && binding.actions().contains(PolicyBinding.Action.AUDIT)) {
          audited.add(auditRecord(i, outcome.message()));
        }
      }
      if (!audited.isEmpty()) {
        annotations.add(
            new PolicyResult.Annotation(
                request.object(), VALIDATION_FAILURE, Compact.MAPPER.writeValueAsString(audited)));
      }
      for (AdmissionPolicy.AuditAnnotation a : policy.auditAnnotations()) {
        try {
          Object value = a.valueExpression().eval(activation);
          if (value instanceof String) {
            annotations.add(
                new PolicyResult.Annotation(
                    request.object(), policy.name() + "/" + a.key(), (String) value));
          }
        } catch (EvaluationError e) {
          if (policy.failClosed()) {
            decide(
                param,
                Decision.Cause.EVALUATION_ERROR,
                "auditAnnotation '" + a.key() + "' resulted in error: " + e.getMessage(),
                "Forbidden");
          }
        }
      }
    }
  }
}
