package dev.kordon.rules;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.SourceLocation;
import dev.kordon.report.JsonOutput;
import dev.kordon.report.Report;
import dev.kordon.report.table.Columns;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code kordon policy test} prints: for every policy and binding, the objects it would deny,
 * warn about or audit and why, the audit annotations, and the policies that do not compile.
 */
public record PolicyTestReport(List<PolicyResult> results, List<PolicyError> errors) {

  /** A policy expression that does not compile, or a binding without its policy. */
  public record PolicyError(String policy, String origin, CompileError error) {
    public String describe() {
      return "ValidatingAdmissionPolicy '" + policy + "' (" + origin + "): " + error.describe();
    }
  }

  public PolicyTestReport {
    results = List.copyOf(results);
    errors = List.copyOf(errors);
  }

  /**
   * Every compile error of the set, every type error against the schema of a matched kind (the API
   * server enforces such a policy but warns in its status; here it counts as an error), and
   * bindings that name a policy the set lacks.
   */
  public static List<PolicyError> errorsOf(PolicySet set) {
    List<PolicyError> out = new ArrayList<>();
    for (AdmissionPolicy p : set.policies()) {
      for (CompileError e : p.errors()) {
        out.add(new PolicyError(p.name(), p.source().origin().describe(), e));
      }
      for (CompileError e : p.typeErrors()) {
        out.add(new PolicyError(p.name(), p.source().origin().describe(), e));
      }
    }
    for (PolicyBinding b : set.unboundBindings()) {
      out.add(
          new PolicyError(
              b.policyName(),
              "binding " + b.name(),
              new CompileError(
                  "spec.policyName", "", 0, 0, "no ValidatingAdmissionPolicy of that name")));
    }
    return out;
  }

  public long count(PolicyBinding.Action action) {
    return results.stream()
        .flatMap(r -> r.decisions().stream())
        .filter(d -> d.actions().contains(action))
        .count();
  }

  public boolean denies() {
    return count(PolicyBinding.Action.DENY) > 0;
  }

  public ObjectNode json() {
    ObjectNode root = JsonOutput.object();
    root.putObject("tool").put("name", "kordon").put("version", Report.Tool.KORDON.version());
    ObjectNode summary = root.putObject("summary");
    summary.put("bindings", results.size());
    summary.put("denied", count(PolicyBinding.Action.DENY));
    summary.put("warned", count(PolicyBinding.Action.WARN));
    summary.put("audited", count(PolicyBinding.Action.AUDIT));
    summary.put("errors", errors.size());
    ArrayNode policies = root.putArray("policies");
    for (PolicyResult r : results) {
      ObjectNode p = policies.addObject();
      p.put("policy", r.policy());
      p.put("binding", r.binding());
      ArrayNode actions = p.putArray("validationActions");
      r.actions().forEach(a -> actions.add(a.word));
      p.put("matched", r.matched());
      ArrayNode decisions = p.putArray("results");
      for (Decision d : r.decisions()) {
        ObjectNode o = decisions.addObject();
        resource(o.putObject("resource"), d.object());
        location(o, d.object());
        ArrayNode da = o.putArray("actions");
        d.actions().forEach(a -> da.add(a.word));
        o.put("param", d.param());
        o.put("cause", d.cause().name());
        o.put("reason", d.reason());
        o.put("message", d.message());
        o.put("text", d.text());
      }
      ArrayNode annotations = p.putArray("auditAnnotations");
      for (PolicyResult.Annotation a : r.annotations()) {
        ObjectNode o = annotations.addObject();
        resource(o.putObject("resource"), a.object());
        o.put("key", a.key());
        o.put("value", a.value());
      }
    }
    ArrayNode errs = root.putArray("errors");
    for (PolicyError e : errors) {
      ObjectNode o = errs.addObject();
      o.put("policy", e.policy());
      o.put("origin", e.origin());
      o.put("field", e.error().field());
      o.put("expression", e.error().expression());
      o.put("line", e.error().line());
      o.put("column", e.error().column());
      o.put("message", e.error().message());
    }
    return root;
  }

  private static void resource(ObjectNode o, KubeObject object) {
    o.put("apiVersion", object.apiVersion());
    o.put("kind", object.kind());
    o.put("namespace", object.namespace());
    o.put("name", object.name());
  }

  private static void location(ObjectNode o, KubeObject object) {
    Optional<SourceLocation> l = object.locate(JsonPointer.of("metadata", "name"));
    if (l.isPresent()) {
      o.putObject("location")
          .put("file", l.get().file())
          .put("line", l.get().line())
          .put("column", l.get().column());
    } else {
      o.putNull("location");
    }
  }

  /** A table: one row per decision, then a summary line; errors after it. */
  public String table() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("ACTION", "POLICY", "BINDING", "RESOURCE", "MESSAGE"));
    for (PolicyResult r : results) {
      for (Decision d : r.decisions()) {
        rows.add(
            List.of(
                String.join(",", d.actions().stream().map(a -> a.word).toList()),
                d.policy(),
                d.binding(),
                describe(d.object()),
                d.message() + (d.param().isEmpty() ? "" : " (params " + d.param() + ")")));
      }
    }
    StringBuilder out = new StringBuilder();
    if (rows.size() > 1) {
      out.append(Columns.render(rows, ""));
    }
    for (PolicyResult r : results) {
      out.append(
          String.format(
              "%s / %s: %d matched, %d failed%n",
              r.policy(), r.binding(), r.matched(), r.decisions().size()));
      for (PolicyResult.Annotation a : r.annotations()) {
        out.append("  audit ")
            .append(describe(a.object()))
            .append(": ")
            .append(a.key())
            .append("=")
            .append(a.value())
            .append(System.lineSeparator());
      }
    }
    out.append(
        String.format(
            "%d denied, %d warned, %d audited, %d policy errors%n",
            count(PolicyBinding.Action.DENY),
            count(PolicyBinding.Action.WARN),
            count(PolicyBinding.Action.AUDIT),
            errors.size()));
    for (PolicyError e : errors) {
      out.append("error: ").append(e.describe()).append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String describe(KubeObject o) {
    String where =
        o.locate(JsonPointer.of("metadata", "name"))
            .map(l -> " (" + l.file() + ":" + l.line() + ")")
            .orElse("");
    return o.kind() + "/" + (o.namespace().isEmpty() ? "" : o.namespace() + "/") + o.name() + where;
  }
}
