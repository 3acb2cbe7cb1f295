package dev.kordon.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Type-checking against the schema of the matched kind, and the fall-backs to dyn. */
class SchemaTypeCheckTest {

  private static final KubeCel CEL = new KubeCel();

  static List<KubeObject> read(String yaml) {
    var r = new ManifestReader().read("test.yaml", yaml);
    assertThat(r.problems()).isEmpty();
    return r.objects();
  }

  /** A policy and its Deny binding over these resource rules (YAML flow lists). */
  static PolicySet policy(String rules, String expression) {
    return PolicySet.of(
        read(
            """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: replica-cap}
            spec:
              matchConstraints:
                resourceRules:
            %s
              validations:
                - expression: %s
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: replica-cap}
            spec: {policyName: replica-cap, validationActions: [Deny]}
            """
                .formatted(rules.indent(6).stripTrailing(), quote(expression))),
        CEL);
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static final String DEPLOYMENTS =
      "- {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}";

  static List<String> errors(PolicySet set) {
    return PolicyTestReport.errorsOf(set).stream()
        .map(PolicyTestReport.PolicyError::describe)
        .toList();
  }

  static List<Decision> decisions(PolicySet set, String resources) {
    return new PolicyEvaluator(Requester.DEFAULT)
        .evaluate(set, Snapshot.of(read(resources))).stream()
            .flatMap(r -> r.decisions().stream())
            .toList();
  }

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: %s, namespace: shop}
      spec:
        %s
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: nginx:1.27}]
      """;

  @Test
  void aDeploymentWithoutReplicasPassesAReplicaCapAndFiveReplicasAreDenied() {
    PolicySet set = policy(DEPLOYMENTS, "object.spec.replicas <= 3");
    assertThat(errors(set)).isEmpty();
    String resources =
        DEPLOYMENT.formatted("defaulted", "minReadySeconds: 0")
            + "---\n"
            + DEPLOYMENT.formatted("five", "replicas: 5")
            + "---\n"
            + DEPLOYMENT.formatted("three", "replicas: 3");
    List<Decision> denied = decisions(set, resources);
    assertThat(denied).extracting(d -> d.object().name()).containsExactly("five");
    assertThat(denied.get(0).cause()).isEqualTo(Decision.Cause.VALIDATION_FAILED);
    assertThat(denied.get(0).message()).isEqualTo("failed expression: object.spec.replicas <= 3");
  }

  @Test
  void comparingAnIntWithAStringIsATypeErrorNamingThePolicyAndTheExpression() {
    PolicySet set = policy(DEPLOYMENTS, "object.spec.replicas == \"3\"");
    assertThat(set.policy("replica-cap").orElseThrow().errors()).isEmpty();
    List<String> errors = errors(set);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .startsWith("ValidatingAdmissionPolicy 'replica-cap' (test.yaml#1): ")
        .contains("spec.validations[0].expression: type checking against apps/v1, Kind=Deployment")
        .contains("found no matching overload for '_==_' applied to '(int, string)'")
        .contains("object.spec.replicas == \"3\"");
    PolicyTestReport.PolicyError e = PolicyTestReport.errorsOf(set).get(0);
    assertThat(e.error().expression()).isEqualTo("object.spec.replicas == \"3\"");
    assertThat(e.error().line()).isEqualTo(1);
    assertThat(e.error().column()).isEqualTo(22);
  }

  @Test
  void aMisspelledFieldOfAKnownKindIsATypeError() {
    List<String> errors =
        errors(
            policy(
                DEPLOYMENTS,
                "object.spec.template.spec.containers.all(c, c.imagePullPolcy == 'Always')"));
    assertThat(errors).singleElement().asString().contains("undefined field 'imagePullPolcy'");
  }

  @Test
  void aResultOfTheWrongTypeIsATypeError() {
    assertThat(errors(policy(DEPLOYMENTS, "object.spec.replicas")))
        .singleElement()
        .asString()
        .contains("must evaluate to bool, not int");
  }

  @Test
  void aTypeErrorDoesNotStopThePolicyWhichIsEnforcedAsTheApiServerWould() {
    // the API server warns in status.typeChecking and evaluates with dyn: 5 == "3" is false
    PolicySet set = policy(DEPLOYMENTS, "object.spec.replicas == \"3\"");
    assertThat(decisions(set, DEPLOYMENT.formatted("five", "replicas: 5")))
        .singleElement()
        .satisfies(d -> assertThat(d.cause()).isEqualTo(Decision.Cause.VALIDATION_FAILED));
  }

  @Test
  void wellTypedExpressionsOverMapsListsOptionalsAndIntOrStringPass() {
    for (String expression :
        List.of(
            "has(object.metadata.labels) && object.metadata.labels['app'] == 'web'",
            "object.spec.template.spec.containers.all(c, c.image.startsWith('nginx'))",
            "object.spec.strategy.rollingUpdate.maxSurge == '25%' || object.spec.strategy.rollingUpdate.maxSurge == 1",
            "object.spec.?paused.orValue(false) == false",
            "object.spec.template.spec.containers.all(c, !has(c.resources.limits) || quantity(c.resources.limits['memory']).isLessThan(quantity('1Gi')))",
            "object.metadata.creationTimestamp == null || true",
            "namespaceObject.metadata.name != 'kube-system'",
            "object.spec.selector != null")) {
      assertThat(errors(policy(DEPLOYMENTS, expression))).as(expression).isEmpty();
    }
  }

  @Test
  void aCustomResourceFallsBackToDyn() {
    PolicySet set =
        policy(
            "- {apiGroups: [example.com], apiVersions: [v1], operations: [CREATE], resources: [widgets]}",
            "object.spec.size == \"3\" && object.spec.anything.goes <= 3");
    assertThat(errors(set)).isEmpty();
  }

  @Test
  void severalKindsWildcardsAndAnUnknownKindBesideAKnownOneFallBackToDyn() {
    String misspelled = "object.spec.replica <= 3";
    assertThat(
            errors(
                policy(
                    "- {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments, statefulsets]}",
                    misspelled)))
        .isEmpty();
    assertThat(
            errors(
                policy(
                    "- {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: ['*']}",
                    misspelled)))
        .isEmpty();
    assertThat(
            errors(
                policy(
                    DEPLOYMENTS
                        + "\n- {apiGroups: [example.com], apiVersions: [v1], operations: [CREATE], resources: [widgets]}",
                    misspelled)))
        .isEmpty();
    assertThat(errors(policy(DEPLOYMENTS, misspelled)))
        .singleElement()
        .asString()
        .contains("undefined field 'replica'");
  }

  @Test
  void paramsOfABuiltInKindAreTypedToo() {
    PolicySet set =
        PolicySet.of(
            read(
                """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: cap}
                spec:
                  paramKind: {apiVersion: v1, kind: ConfigMap}
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
                  validations:
                    - expression: "object.spec.replicas <= int(params.data.max)"
                    - expression: "object.spec.replicas <= params.data.max"
                """),
            CEL);
    assertThat(errors(set))
        .singleElement()
        .asString()
        .contains("validations[1].expression")
        .contains("'_<=_' applied to '(int, string)'");
  }

  @Test
  void aRuleOfOneKnownKindIsTypeCheckedAndRefusedOnATypeError() {
    String rule =
        """
        apiVersion: kordon.dev/v1
        kind: Rule
        metadata: {name: org.replicas}
        title: Too many replicas
        remediation: Lower spec.replicas.
        match: {kinds: [%s]}
        validations:
          - expression: "object.spec.replica <= 3"
        """;
    assertThatThrownBy(
            () -> RuleFiles.of(read(rule.formatted("Deployment")), CEL, Requester.DEFAULT))
        .isInstanceOf(InvalidExpression.class)
        .hasMessageContaining("rule org.replicas")
        .hasMessageContaining("type checking against apps/v1, Kind=Deployment")
        .hasMessageContaining("undefined field 'replica'");
    assertThat(
            RuleFiles.of(read(rule.formatted("Deployment, StatefulSet")), CEL, Requester.DEFAULT)
                .rules())
        .hasSize(1);
    assertThat(RuleFiles.of(read(rule.formatted("Widget")), CEL, Requester.DEFAULT).rules())
        .hasSize(1);
  }

  @Test
  void theTestPoliciesAllTypeCheck() throws Exception {
    java.nio.file.Path root =
        java.nio.file.Path.of(SchemaTypeCheckTest.class.getResource("/policies").toURI());
    try (var dirs = java.nio.file.Files.list(root)) {
      for (java.nio.file.Path dir : dirs.toList()) {
        RuleFiles files =
            RuleFiles.load(List.of(dir.resolve("policy.yaml").toString()), CEL, Requester.DEFAULT);
        for (AdmissionPolicy p : files.policies().policies()) {
          assertThat(p.typeErrors()).as(dir.getFileName() + " " + p.name()).isEmpty();
        }
      }
    }
  }
}
