package dev.kordon.rules;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled {@code admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy}: every expression
 * compiled once, every compile error gathered (as the API server reports them in the policy's
 * status). A policy with errors still parses, so that {@code policy test} can report them.
 *
 * @param typeErrors what type-checking against the schemas of the matched kinds found (the API
 *     server's {@code status.typeChecking} warnings): the policy is still enforced, as there
 */
public record AdmissionPolicy(
    String name,
    KubeObject source,
    boolean failClosed,
    Optional<ParamKind> paramKind,
    MatchResources match,
    List<NamedExpression> matchConditions,
    List<NamedExpression> variables,
    List<Validation> validations,
    List<AuditAnnotation> auditAnnotations,
    List<CompileError> errors,
    List<CompileError> typeErrors) {

  static final String KIND = "ValidatingAdmissionPolicy";
  static final String GROUP = "admissionregistration.k8s.io/";

  /** {@code spec.paramKind}. */
  public record ParamKind(String apiVersion, String kind) {}

  /** {@code spec.auditAnnotations[]}. */
  record AuditAnnotation(String key, Expression valueExpression) {}

  public AdmissionPolicy {
    matchConditions = List.copyOf(matchConditions);
    variables = List.copyOf(variables);
    validations = List.copyOf(validations);
    auditAnnotations = List.copyOf(auditAnnotations);
    errors = List.copyOf(errors);
    typeErrors = List.copyOf(typeErrors);
  }

  static boolean is(KubeObject o) {
    return KIND.equals(o.kind()) && o.apiVersion().startsWith(GROUP);
  }

  static AdmissionPolicy parse(KubeObject o, KubeCel cel) {
    String file = o.origin().describe();
    SpecNode spec = new SpecNode(file, "spec", o.raw().path("spec"));
    spec.only(
        Set.of(
            "failurePolicy",
            "paramKind",
            "matchConstraints",
            "matchConditions",
            "variables",
            "validations",
            "auditAnnotations"));
    String failurePolicy = spec.text("failurePolicy", "Fail");
    if (!failurePolicy.equals("Fail") && !failurePolicy.equals("Ignore")) {
      throw spec.child("failurePolicy").error("must be Fail or Ignore");
    }
    Optional<ParamKind> paramKind = Optional.empty();
    SpecNode pk = spec.child("paramKind");
    if (pk.present()) {
      paramKind = Optional.of(new ParamKind(pk.required("apiVersion"), pk.required("kind")));
    }
    SpecNode mc = spec.child("matchConstraints");
    if (!mc.present() || !mc.child("resourceRules").present()) {
      throw mc.child("resourceRules").error("is required");
    }
    MatchResources match = match(mc);

    KubeCel.Batch batch =
        new KubeCel.Batch(cel, TypeTargets.forPolicy(match.resourceRules(), paramKind));
    List<NamedExpression> conditions = new ArrayList<>();
    for (SpecNode c : spec.items("matchConditions")) {
      c.only(Set.of("name", "expression"));
      String name = c.required("name");
      Expression e =
          batch.compile(c.path() + ".expression", c.text("expression", ""), KubeCel.Result.BOOL);
      if (e != null) {
        conditions.add(new NamedExpression(name, e));
      }
    }
    List<NamedExpression> variables = RuleParser.variables(spec, batch);
    List<Validation> validations = new ArrayList<>();
    for (SpecNode v : spec.items("validations")) {
      v.only(Set.of("expression", "message", "messageExpression", "reason"));
      validations.add(RuleParser.validation(v, batch));
    }
    List<AuditAnnotation> annotations = new ArrayList<>();
    for (SpecNode a : spec.items("auditAnnotations")) {
      a.only(Set.of("key", "valueExpression"));
      Expression e =
          batch.compile(
              a.path() + ".valueExpression",
              a.text("valueExpression", ""),
              KubeCel.Result.STRING_OR_NULL);
      if (e != null) {
        annotations.add(new AuditAnnotation(a.required("key"), e));
      }
    }
    if (validations.isEmpty() && annotations.isEmpty()) {
      throw spec.child("validations")
          .error("validations or auditAnnotations must contain at least one item");
    }
    return new AdmissionPolicy(
        o.name(),
        o,
        failurePolicy.equals("Fail"),
        paramKind,
        match,
        conditions,
        variables,
        validations,
        annotations,
        batch.errors(),
        batch.typeErrors());
  }

  /** {@code matchConstraints} or {@code matchResources}. */
  static MatchResources match(SpecNode m) {
    m.only(MatchResources.FIELDS);
    List<MatchResources.ResourceRule> rules =
        m.child("resourceRules").present() ? rules(m.items("resourceRules")) : null;
    return new MatchResources(
        selector(m.child("namespaceSelector")),
        selector(m.child("objectSelector")),
        rules,
        rules(m.items("excludeResourceRules")));
  }

  private static LabelSelector selector(SpecNode n) {
    return n.present() ? LabelSelector.from(n.node()) : LabelSelector.EVERYTHING;
  }

  private static List<MatchResources.ResourceRule> rules(List<SpecNode> items) {
    List<MatchResources.ResourceRule> out = new ArrayList<>();
    for (SpecNode r : items) {
      r.only(
          Set.of("operations", "apiGroups", "apiVersions", "resources", "resourceNames", "scope"));
      out.add(
          new MatchResources.ResourceRule(
              r.strings("operations"),
              r.strings("apiGroups"),
              r.strings("apiVersions"),
              r.strings("resources"),
              r.strings("resourceNames"),
              r.text("scope", "*")));
    }
    return out;
  }
}
