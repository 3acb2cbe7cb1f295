package dev.kordon.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.YamlTrees.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compile errors as the API server reports them, runtime errors, and the cost limits. */
class LimitsAndErrorsTest {

  private static final KubeCel CEL = new KubeCel();

  private static final String POLICY =
      """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata:
        name: p
      spec:
        failurePolicy: %s
        matchConstraints:
          resourceRules:
            - apiGroups: ["*"]
              apiVersions: ["*"]
              operations: ["CREATE"]
              resources: ["*"]
        validations:
          - expression: "%s"
            message: "rejected"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata:
        name: b
      spec:
        policyName: p
        validationActions: [Deny]
      """;

  static List<KubeObject> read(String yaml) {
    var r = new ManifestReader().read("test.yaml", yaml);
    assertThat(r.problems()).isEmpty();
    return r.objects();
  }

  static PolicySet policy(String failurePolicy, String expression) {
    return PolicySet.of(read(POLICY.formatted(failurePolicy, expression)), CEL);
  }

  static KubeObject configMapWithItems(int n) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < n; i++) {
      items.append(i == 0 ? "" : ", ").append(i);
    }
    return read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\nitems: [" + items + "]\n")
        .get(0);
  }

  @Test
  void syntaxErrorsNameThePositionWithACaret() {
    KubeCel.Compiled c =
        CEL.compile(
            "spec.validations[0].expression", "object.spec.replicas <=", KubeCel.Result.BOOL);
    assertThat(c.isOk()).isFalse();
    assertThat(c.error().line()).isEqualTo(1);
    assertThat(c.error().column()).isGreaterThan(20);
    assertThat(c.error().describe())
        .startsWith("spec.validations[0].expression: compilation failed: ERROR: <input>:1:")
        .contains("| object.spec.replicas <=")
        .contains("^");
  }

  @Test
  void typeErrorsAreCompileErrors() {
    assertThat(CEL.compile("f", "nosuch.field == 1", KubeCel.Result.BOOL).error().message())
        .contains("undeclared reference to 'nosuch'");
    assertThat(CEL.compile("f", "'abc'.frobnicate()", KubeCel.Result.BOOL).error().message())
        .contains("frobnicate");
    assertThat(CEL.compile("f", "'a' + 'b'", KubeCel.Result.BOOL).error().message())
        .isEqualTo("must evaluate to bool, not string");
    assertThat(CEL.compile("f", "1 == 1", KubeCel.Result.STRING).error().message())
        .isEqualTo("must evaluate to string, not bool");
    assertThat(CEL.compile("f", "  ", KubeCel.Result.BOOL).error().message())
        .isEqualTo("expression is required");
  }

  @Test
  void aPolicyWithCompileErrorsKeepsThemAndFailsClosed() {
    PolicySet set = policy("Fail", "object.spec.replicas >");
    AdmissionPolicy p = set.policy("p").orElseThrow();
    assertThat(p.errors()).hasSize(1);
    assertThat(p.errors().get(0).field()).isEqualTo("spec.validations[0].expression");
    Snapshot snapshot = Snapshot.of(List.of(configMapWithItems(1)));
    List<Decision> ds =
        new PolicyEvaluator(Requester.DEFAULT).evaluate(set, snapshot).get(0).decisions();
    assertThat(ds)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.cause()).isEqualTo(Decision.Cause.CONFIGURATION_ERROR);
              assertThat(d.message()).contains("policy does not compile");
            });
    PolicySet ignored = policy("Ignore", "object.spec.replicas >");
    assertThat(
            new PolicyEvaluator(Requester.DEFAULT).evaluate(ignored, snapshot).get(0).decisions())
        .isEmpty();
  }

  @Test
  void aRuleThatDoesNotCompileIsRefusedWithEveryError() {
    String rule =
        """
        apiVersion: kordon.dev/v1
        kind: Rule
        metadata:
          name: broken
        title: Broken rule
        remediation: Fix it.
        validations:
          - expression: "object.metadata.name =="
          - expression: "undefinedThing"
            messageExpression: "42"
        """;
    assertThatThrownBy(() -> RuleFiles.of(read(rule), CEL, Requester.DEFAULT))
        .isInstanceOf(InvalidExpression.class)
        .satisfies(e -> assertThat(((InvalidExpression) e).errors()).hasSize(3))
        .hasMessageContaining("validations[0].expression: compilation failed")
        .hasMessageContaining("validations[1].expression: compilation failed")
        .hasMessageContaining("undeclared reference to 'undefinedThing'")
        .hasMessageContaining("validations[1].messageExpression: must evaluate to string");
  }

  @Test
  void aRuleHonoursItsFailurePolicy() {
    String rule =
        """
        apiVersion: kordon.dev/v1
        kind: Rule
        metadata:
          name: replicas
        title: Too few replicas
        remediation: Run two replicas.
        failurePolicy: %s
        validations:
          - expression: "object.spec.replicas > 1"
        """;
    KubeObject cm = configMapWithItems(1);
    Snapshot snapshot = Snapshot.of(List.of(cm));
    Rule fail = RuleFiles.of(read(rule.formatted("Fail")), CEL, Requester.DEFAULT).rules().get(0);
    assertThat(fail.check(cm, snapshot))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .startsWith("expression 'object.spec.replicas > 1' resulted in error"));
    Rule ignore =
        RuleFiles.of(read(rule.formatted("Ignore")), CEL, Requester.DEFAULT).rules().get(0);
    assertThat(ignore.check(cm, snapshot)).isEmpty();
  }

  @Test
  void malformedRulesNameTheField() {
    String rule =
        """
        apiVersion: kordon.dev/v1
        kind: Rule
        metadata:
          name: typo
        title: Typo
        remediation: Fix it.
        validations:
          - expresion: "true"
        """;
    assertThatThrownBy(() -> RuleFiles.of(read(rule), CEL, Requester.DEFAULT))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("validations[0].expresion: unknown field");
  }

  @Test
  void runtimeErrorsFollowTheFailurePolicy() {
    KubeObject cm = configMapWithItems(2);
    Snapshot snapshot = Snapshot.of(List.of(cm));
    PolicySet fail = policy("Fail", "object.data.missing == 'x'");
    List<Decision> ds =
        new PolicyEvaluator(Requester.DEFAULT).evaluate(fail, snapshot).get(0).decisions();
    assertThat(ds)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.cause()).isEqualTo(Decision.Cause.EVALUATION_ERROR);
              assertThat(d.message())
                  .startsWith("expression 'object.data.missing == 'x'' resulted in error");
            });
    PolicySet ignore = policy("Ignore", "object.data.missing == 'x'");
    assertThat(new PolicyEvaluator(Requester.DEFAULT).evaluate(ignore, snapshot).get(0).decisions())
        .isEmpty();
  }

  @Test
  void aFalseMatchConditionWinsOverAnErroringOne() {
    String yaml =
        POLICY
            .formatted("Fail", "false")
            .replace(
                "  validations:",
                "  matchConditions:\n"
                    + "    - name: errs\n"
                    + "      expression: \"object.data.missing == 'x'\"\n"
                    + "    - name: never\n"
                    + "      expression: \"%s\"\n"
                    + "  validations:");
    Snapshot snapshot = Snapshot.of(List.of(configMapWithItems(1)));
    PolicySet skipped = PolicySet.of(read(yaml.formatted("false")), CEL);
    assertThat(
            new PolicyEvaluator(Requester.DEFAULT).evaluate(skipped, snapshot).get(0).decisions())
        .isEmpty();
    PolicySet erring = PolicySet.of(read(yaml.formatted("true")), CEL);
    assertThat(new PolicyEvaluator(Requester.DEFAULT).evaluate(erring, snapshot).get(0).decisions())
        .singleElement()
        .satisfies(
            d -> assertThat(d.message()).startsWith("matchCondition 'errs' resulted in error"));
  }

  @Test
  void anExpressionWithTooHighAnEstimatedCostIsRefused() {
    KubeCel.Compiled c =
        CEL.compile(
            "spec.validations[0].expression",
            "object.items.all(a, object.items.all(b, object.items.all(c, a + b + c >= 0)))",
            KubeCel.Result.BOOL);
    assertThat(c.isOk()).isFalse();
    assertThat(c.error().message()).startsWith("estimated expression cost exceeds budget");
    // two levels over unbounded lists is ordinary and accepted
    assertThat(
            CEL.compile(
                    "f",
                    "object.spec.containers.all(c, c.ports.all(p, p.containerPort > 1024))",
                    KubeCel.Result.BOOL)
                .isOk())
        .isTrue();
  }

  @Test
  void anExpressionOverItsRuntimeBudgetIsStopped() {
    String hostile = "object.items.all(a, object.items.all(b, a + b >= 0))";
    KubeCel.Compiled c = CEL.compile("f", hostile, KubeCel.Result.BOOL);
    assertThat(c.isOk()).as("within the estimate").isTrue();
    Map<String, Object> vars = new java.util.HashMap<>();
    vars.put("object", KubeValues.of(configMapWithItems(1_000).raw()));
    assertThatThrownBy(() -> c.expression().eval(vars))
        .isInstanceOf(EvaluationError.class)
        .satisfies(
            e -> assertThat(((EvaluationError) e).costExceeded()).as(e.getMessage()).isTrue())
        .hasMessageContaining("cost limit exceeded");
    // the same expression over a small list runs to completion
    vars.put("object", KubeValues.of(configMapWithItems(30).raw()));
    assertThat(evalQuietly(c.expression(), vars)).isEqualTo(true);
  }

  @Test
  void theRuntimeMeterStopsEvenWhereLogicalOperatorsWouldAbsorbTheError() {
    KubeCel small = new KubeCel(new CostLimits(10_000_000, 5_000, 1_000_000));
    KubeCel.Compiled c =
        small.compile(
            "f",
            "object.items.exists(a, a < 0) || object.items.all(a, a >= 0)",
            KubeCel.Result.BOOL);
    Map<String, Object> vars = new java.util.HashMap<>();
    vars.put("object", KubeValues.of(configMapWithItems(1_000).raw()));
    assertThatThrownBy(() -> c.expression().eval(vars))
        .isInstanceOf(EvaluationError.class)
        .satisfies(e -> assertThat(((EvaluationError) e).costExceeded()).isTrue())
        .hasMessageContaining("budget 5000");
  }

  @Test
  void aHostilePolicyIsStoppedAndFailsClosed() {
    Snapshot snapshot = Snapshot.of(List.of(configMapWithItems(1_000)));
    PolicySet set = policy("Fail", "object.items.all(a, object.items.all(b, a >= 0))");
    List<Decision> ds =
        new PolicyEvaluator(Requester.DEFAULT).evaluate(set, snapshot).get(0).decisions();
    assertThat(ds).singleElement().satisfies(d -> assertThat(d.message()).contains("cost limit"));
  }

  @Test
  void auditAnnotationsAreKeyedByPolicy() throws Exception {
    var dir = java.nio.file.Path.of(getClass().getResource("/policies/warn-audit").toURI());
    RuleFiles files = PolicyCasesTest.load(dir.resolve("policy.yaml"));
    var read =
        new ManifestReader()
            .read("r.yaml", java.nio.file.Files.readString(dir.resolve("resources.yaml")));
    List<PolicyResult.Annotation> annotations = new ArrayList<>();
    for (PolicyResult r :
        new PolicyEvaluator(Requester.DEFAULT)
            .evaluate(files.policies(), Snapshot.of(read.objects()))) {
      annotations.addAll(r.annotations());
    }
    assertThat(annotations)
        .extracting(a -> a.object().name() + " " + a.key() + "=" + a.value())
        .containsExactly(
            "unlimited validation.policy.admission.k8s.io/validation_failure=[{\"message\":"
                + "\"containers without limits: sidecar\",\"policy\":\"resource-limits-advised\","
                + "\"binding\":\"resource-limits-advised\",\"expressionIndex\":0,"
                + "\"validationActions\":[\"Warn\",\"Audit\"]}]",
            "unlimited resource-limits-advised/containers=2",
            "limited resource-limits-advised/containers=1");
  }

  private static Object evalQuietly(Expression e, Map<String, Object> vars) {
    try {
      return e.eval(vars);
    } catch (EvaluationError err) {
      throw new AssertionError(err.getMessage(), err);
    }
  }
}
