package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code kordon policy test} and {@code kordon scan --rules}, through {@link Main#run}. */
class PolicyCommandTest {

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

  static String file(String name) {
    try {
      return Path.of(PolicyCommandTest.class.getResource("/policy/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String examples() {
    return Path.of("..", "examples", "rules").toString();
  }

  @Test
  void deniedResourcesExitWithOneAndAreListed() {
    Run r =
        run("policy", "test", file("replica-limit.yaml"), "--resources", file("resources.yaml"));
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("Deny")
        .contains("replicalimit-policy.example.com")
        .contains("Deployment/team-test/too-many (")
        .contains("failed expression: object.spec.replicas <= params.maxReplicas")
        .contains("1 denied, 0 warned, 0 audited, 0 policy errors")
        .doesNotContain("just-enough");
  }

  @Test
  void nothingDeniedExitsWithZero() {
    Run r = run("policy", "test", file("replica-limit.yaml"), "--resources", file("passing.yaml"));
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("0 denied").contains("1 matched, 0 failed");
  }

  @Test
  void jsonGoesToStdoutOrToAFile(@TempDir Path tmp) throws Exception {
    Run r =
        run(
            "policy",
            "test",
            file("replica-limit.yaml"),
            "--resources",
            file("resources.yaml"),
            "--format",
            "json");
    assertThat(r.code()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out()).path("sections").get(0).path("data");
    assertThat(json.path("summary").path("denied").asInt()).isEqualTo(1);
    JsonNode result = json.path("policies").get(0).path("results").get(0);
    assertThat(result.path("resource").path("name").asString()).isEqualTo("too-many");
    assertThat(result.path("actions").get(0).asString()).isEqualTo("Deny");
    assertThat(result.path("reason").asString()).isEqualTo("Invalid");
    assertThat(result.path("location").path("line").asInt()).isEqualTo(11);
    assertThat(result.path("text").asString())
        .startsWith(
            "ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding"
                + " 'replicalimit-binding-test.example.com' denied request:");

    Path out = tmp.resolve("out/vap.json");
    Run toFile =
        run(
            "policy",
            "test",
            file("replica-limit.yaml"),
            "--resources",
            file("resources.yaml"),
            "-f",
            "json",
            "-o",
            out.toString());
    assertThat(toFile.code()).isEqualTo(1);
    assertThat(toFile.out()).isEmpty();
    JsonNode written = new ObjectMapper().readTree(Files.readString(out));
    assertThat(written.path("command").asString()).isEqualTo("policy test");
    assertThat(written.path("sections").get(0).path("data").path("policies").size()).isEqualTo(1);
  }

  @Test
  void aPolicyThatDoesNotCompileExitsWithTwoAndShowsTheExpression() {
    Run r = run("policy", "test", file("broken.yaml"), "--resources", file("resources.yaml"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("ValidatingAdmissionPolicy 'broken'")
        .contains("spec.validations[0].expression: compilation failed: ERROR: <input>:1:")
        .contains("| object.spec.replicas <=");
  }

  @Test
  void badUsageAndUnreadableInputExitWithTwo() {
    assertThat(run("policy", "test", file("replica-limit.yaml")).code()).isEqualTo(2);
    assertThat(run("policy", "test", "--resources", file("resources.yaml")).code()).isEqualTo(2);
    Run missing = run("policy", "test", file("replica-limit.yaml"), "--resources", "/no/such/dir");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("/no/such/dir");
    assertThat(run("policy", "test", "/no/such.yaml", "--resources", file("resources.yaml")).code())
        .isEqualTo(2);
  }

  @Test
  void theRequestingUserIsConfigurable() {
    Path dir =
        Path.of("..", "kordon-rules", "src", "test", "resources", "policies", "requesting-user");
    String policy = dir.resolve("policy.yaml").toString();
    String resources = dir.resolve("resources.yaml").toString();
    Run anonymous = run("policy", "test", policy, "--resources", resources);
    assertThat(anonymous.code()).isEqualTo(1);
    assertThat(anonymous.out()).contains("user kordon:offline may not create PriorityClasses");
    Run admin =
        run(
            "policy",
            "test",
            policy,
            "--resources",
            resources,
            "--user",
            "alice",
            "--group",
            "platform-admins");
    assertThat(admin.code()).as(admin.out()).isEqualTo(0);
    assertThat(admin.out()).contains("0 denied, 0 warned, 1 audited");
  }

  @Test
  void helpHasExamples() {
    Run r = run("policy", "test", "--help");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("Examples:").contains("kordon policy test");
    assertThat(run("scan", "--help").out()).contains("--rules");
  }

  @Test
  void scanWithRulesReportsRuleFindingsLikeBuiltInControls() throws Exception {
    Run r = run("scan", file("privileged.yaml"), "--rules", examples(), "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    JsonNode json = new ObjectMapper().readTree(r.out());
    java.util.List<String> ids = new java.util.ArrayList<>();
    json.path("findings").forEach(f -> ids.add(f.path("controlId").asString()));
    assertThat(ids).contains("org.no-privileged", "KOR-0001").doesNotContain("org.registry");
  }

  @Test
  void scanTurnsPoliciesAmongTheInputsIntoFindings() throws Exception {
    Run r =
        run(
            "scan",
            file("replica-limit.yaml"),
            file("resources.yaml"),
            "--format",
            "json",
            "--fail-on",
            "high");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    JsonNode vap = null;
    for (JsonNode f : json.path("findings")) {
      if (f.path("controlId").asString().equals("ValidatingAdmissionPolicy")) {
        vap = f;
      }
    }
    assertThat(vap).isNotNull();
    assertThat(vap.path("resource").path("name").asString()).isEqualTo("too-many");
    assertThat(vap.path("severity").asString()).isEqualTo("high");
    assertThat(vap.path("message").asString()).contains("denied request");
  }

  @Test
  void scanRefusesRulesThatDoNotCompile(@TempDir Path tmp) throws Exception {
    Path rule = tmp.resolve("bad.yaml");
    Files.writeString(
        rule,
        "apiVersion: kordon.dev/v1\nkind: Rule\nmetadata:\n  name: bad\ntitle: Bad\n"
            + "remediation: Fix it.\nvalidations:\n  - expression: \"object.(\"\n");
    Run r = run("scan", file("privileged.yaml"), "--rules", rule.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--rules").contains("compilation failed");
    Run vap = run("scan", file("privileged.yaml"), "--policy", file("broken.yaml"));
    assertThat(vap.code()).isEqualTo(2);
    assertThat(vap.err())
        .contains("ValidatingAdmissionPolicy broken: spec.validations[0].expression")
        .contains("compilation failed");
  }
}
