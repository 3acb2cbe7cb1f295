package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kordon policy test} end to end: objects are defaulted as the API server would before
 * admission, and expressions are type-checked against the schema of the one kind they match.
 */
class PolicyDefaultsCommandTest {

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String policy(String expression) {
    return """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: replica-cap}
        spec:
          matchConstraints:
            resourceRules:
              - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
          validations:
            - expression: '%s'
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: replica-cap}
        spec: {policyName: replica-cap, validationActions: [Deny]}
        """
        .formatted(expression);
  }

  static final String DEPLOYMENTS =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: defaulted, namespace: shop}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx}]}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: five, namespace: shop}
      spec:
        replicas: 5
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx}]}
      """;

  @Test
  void aDeploymentWithoutReplicasIsAdmittedAndOneWithFiveIsDenied(@TempDir Path tmp)
      throws Exception {
    Path policy =
        Files.writeString(tmp.resolve("policy.yaml"), policy("object.spec.replicas <= 3"));
    Path resources = Files.writeString(tmp.resolve("deploy.yaml"), DEPLOYMENTS);
    Run r = run("policy", "test", policy.toString(), "--resources", resources.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("Deployment/shop/five (")
        .doesNotContain("Deployment/shop/defaulted")
        .contains("replica-cap / replica-cap: 2 matched, 1 failed")
        .contains("1 denied, 0 warned, 0 audited, 0 policy errors");
  }

  @Test
  void defaultsAreVisibleToExpressions(@TempDir Path tmp) throws Exception {
    Path policy =
        Files.writeString(
            tmp.resolve("policy.yaml"),
            policy(
                "object.spec.strategy.type == \"RollingUpdate\""
                    + " && object.spec.template.spec.containers.all(c, c.imagePullPolicy =="
                    + " \"Always\")"));
    Path resources = Files.writeString(tmp.resolve("deploy.yaml"), DEPLOYMENTS);
    Run r = run("policy", "test", policy.toString(), "--resources", resources.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(0);
    assertThat(r.out()).contains("2 matched, 0 failed");
  }

  @Test
  void aTypeErrorIsAPolicyErrorNamingThePolicyAndTheExpression(@TempDir Path tmp) throws Exception {
    Path policy =
        Files.writeString(tmp.resolve("policy.yaml"), policy("object.spec.replicas == \"3\""));
    Path resources = Files.writeString(tmp.resolve("deploy.yaml"), DEPLOYMENTS);
    Run r = run("policy", "test", policy.toString(), "--resources", resources.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("ValidatingAdmissionPolicy 'replica-cap'")
        .contains(
            "spec.validations[0].expression: type checking against apps/v1, Kind=Deployment"
                + " failed")
        .contains("found no matching overload for '_==_' applied to '(int, string)'")
        .contains("object.spec.replicas == \"3\"");
    assertThat(r.out()).contains("1 policy errors");
  }
}
