package dev.kordon.rules;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.LabelSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads one {@code kordon.dev/v1 Rule} document into a compiled {@link Rule}. */
final class RuleParser {

  static final String API_VERSION = "kordon.dev/v1";
  static final String KIND = "Rule";

  private static final Set<String> TOP =
      Set.of(
          "apiVersion",
          "kind",
          "metadata",
          "title",
          "severity",
          "description",
          "remediation",
          "failurePolicy",
          "match",
          "variables",
          "validations",
          "refs");
  private static final Set<String> MATCH =
      Set.of("kinds", "namespaces", "excludeNamespaces", "labelSelector");
  private static final Set<String> VALIDATION =
      Set.of("expression", "message", "messageExpression", "path", "reason");

  private static final List<String> REASONS =
      List.of("Unauthorized", "Forbidden", "Invalid", "RequestEntityTooLarge");

  private final KubeCel cel;
  private final Requester requester;

  RuleParser(KubeCel cel, Requester requester) {
    this.cel = cel;
    this.requester = requester;
  }

  static boolean isRule(KubeObject o) {
    return API_VERSION.equals(o.apiVersion()) && KIND.equals(o.kind());
  }

  Rule parse(String file, KubeObject doc) {
    SpecNode root = new SpecNode(file, "", doc.raw()).only(TOP);
    String id = doc.name();
    if (id.isBlank()) {
      throw root.child("metadata").child("name").error("is required: it is the rule's id");
    }
    if (id.startsWith("KOR-")) {
      throw root.child("metadata")
          .child("name")
          .error("the KOR- prefix is reserved for built-in controls: " + id);
    }
    String title = root.required("title");
    Severity severity;
    try {
      severity = Severity.parse(root.text("severity", "medium"));
    } catch (IllegalArgumentException e) {
      throw root.child("severity").error(e.getMessage());
    }
    String failurePolicy = root.text("failurePolicy", "Fail");
    if (!failurePolicy.equals("Fail") && !failurePolicy.equals("Ignore")) {
      throw root.child("failurePolicy").error("must be Fail or Ignore");
    }
    SpecNode m = root.child("match");
    Rule.Match match;
    if (m.present()) {
      m.only(MATCH);
      match =
          new Rule.Match(
              m.strings("kinds"),
              m.strings("namespaces"),
              m.strings("excludeNamespaces"),
              LabelSelector.from(m.child("labelSelector").node()));
    } else {
      match = new Rule.Match(List.of(), List.of(), List.of(), LabelSelector.EVERYTHING);
    }
    ControlInfo info;
    try {
      info =
          ControlInfo.builder(id)
              .title(title)
              .severity(severity)
              .description(root.text("description", title))
              .remediation(root.required("remediation"))
              .kinds(match.kinds())
              .refs(root.strings("refs").toArray(String[]::new))
              .build();
    } catch (IllegalArgumentException e) {
      throw root.error(e.getMessage());
    }

    KubeCel.Batch batch = new KubeCel.Batch(cel, TypeTargets.forRule(match.kinds()));
    List<NamedExpression> variables = variables(root, batch);
    List<Rule.Check> checks = new ArrayList<>();
    List<SpecNode> validations = root.items("validations");
    if (validations.isEmpty()) {
      throw root.child("validations").error("at least one validation is required");
    }
    for (SpecNode v : validations) {
      v.only(VALIDATION);
      Validation validation = validation(v, batch);
      JsonPointer path;
      try {
        path = JsonPointer.parse(v.text("path", "/metadata/name"));
      } catch (IllegalArgumentException e) {
        throw v.child("path").error(e.getMessage());
      }
      checks.add(new Rule.Check(validation, path));
    }
    List<CompileError> errors = new ArrayList<>(batch.errors());
    errors.addAll(batch.typeErrors());
    if (!errors.isEmpty()) {
      throw new InvalidExpression(file + ": rule " + id, errors);
    }
    return new Rule(info, match, variables, checks, failurePolicy.equals("Fail"), requester);
  }

  /** {@code variables[]}: unique names, each compiled. */
  static List<NamedExpression> variables(SpecNode root, KubeCel.Batch batch) {
    List<NamedExpression> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (SpecNode v : root.items("variables")) {
      v.only(Set.of("name", "expression"));
      String name = v.required("name");
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw v.child("name").error("must be a CEL identifier: " + name);
      }
      if (!names.add(name)) {
        throw v.child("name").error("duplicate variable " + name);
      }
      Expression e =
          batch.compile(v.path() + ".expression", v.text("expression", ""), KubeCel.Result.ANY);
      if (e != null) {
        out.add(new NamedExpression(name, e));
      }
    }
    return out;
  }

  /** One {@code validations[]} entry. */
  static Validation validation(SpecNode v, KubeCel.Batch batch) {
    Expression expression =
        batch.compile(v.path() + ".expression", v.text("expression", ""), KubeCel.Result.BOOL);
    String messageExpression = v.text("messageExpression", null);
    Expression message =
        messageExpression == null
            ? null
            : batch.compile(
                v.path() + ".messageExpression", messageExpression, KubeCel.Result.STRING);
    String text = v.text("message", null);
    if (text != null && text.contains("\n")) {
      throw v.child("message").error("must not contain line breaks");
    }
    String reason = v.text("reason", "Forbidden");
    if (!REASONS.contains(reason)) {
      throw v.child("reason").error("must be one of " + String.join(", ", REASONS));
    }
    return new Validation(expression, text, message, reason);
  }
}
