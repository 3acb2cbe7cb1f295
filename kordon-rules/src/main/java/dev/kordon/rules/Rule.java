package dev.kordon.rules;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.LabelSelector;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user rule ({@code kind: Rule}) as a control: a match block, variables and validations in CEL,
 * evaluated like a ValidatingAdmissionPolicy on a CREATE of each object. Findings point at the
 * validation's {@code path}, or at the object's name.
 */
public final class Rule implements ObjectControl {

  /** Which objects the rule reads: kinds (empty: all), namespaces, and a label selector. */
  record Match(
      List<String> kinds,
      List<String> namespaces,
      List<String> excludeNamespaces,
      LabelSelector labelSelector) {
    boolean matches(KubeObject o) {
      return (kinds.isEmpty() || kinds.contains(o.kind()))
          && (namespaces.isEmpty() || namespaces.contains(o.namespace()))
          && !excludeNamespaces.contains(o.namespace())
          && labelSelector.matches(o.labels());
    }
  }

  /** A validation and the field its findings point at. */
  record Check(Validation validation, JsonPointer path) {}

  private final ControlInfo info;
  private final Match match;
  private final List<NamedExpression> variables;
  private final List<Check> checks;
  private final boolean failOnError;
  private final Requester requester;

  Rule(
      ControlInfo info,
      Match match,
      List<NamedExpression> variables,
      List<Check> checks,
      boolean failOnError,
      Requester requester) {
    this.info = info;
    this.match = match;
    this.variables = List.copyOf(variables);
    this.checks = List.copyOf(checks);
    this.failOnError = failOnError;
    this.requester = requester;
  }

  @Override
  public ControlInfo info() {
    return info;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return match.matches(object);
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    Map<String, Object> activation = CreateRequest.of(object, snapshot).activation(requester);
    new LazyVariables(variables, activation);
    List<Finding> out = new ArrayList<>();
    for (Check c : checks) {
      Validation.Outcome r = c.validation().evaluate(activation);
      if (r.status() == Validation.Status.FAILED
          || (r.status() == Validation.Status.ERROR && failOnError)) {
        out.add(info.finding(object, c.path(), r.message()));
      }
    }
    return out;
  }
}
