package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.report.JsonOutput;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The same objects (Namespace shop, Deployment shop/api, Role and RoleBinding shop/reader) defined
 * in two files, a.yaml and b.yaml: every command notes each duplicate with both files, keeps each
 * copy as its own resource named by its file, and never shows an internal id.
 */
class DuplicateObjectsTest {

  private static final String A = fixture("a.yaml");
  private static final String B = fixture("b.yaml");

  private static String fixture(String name) {
    try {
      return Path.of(DuplicateObjectsTest.class.getResource("/duplicates/" + name).toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CliRun run(String... words) {
    List<String> args = new ArrayList<>(List.of(words));
    args.add(A);
    args.add(B);
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.out() + r.err()).doesNotContain("~");
    return r;
  }

  /** The notes every command prints, one per duplicated object, naming both files. */
  private static void assertNotes(CliRun r) {
    assertThat(r.err())
        .contains(
            "kordon: note: "
                + A
                + ":7: Deployment shop/api is also defined at "
                + B
                + ":7; each copy is judged on its own")
        .contains(
            "kordon: note: "
                + A
                + ":1: Namespace shop is also defined at "
                + B
                + ":1; Pod Security judges its workloads by the strictest labels of its copies,"
                + " NetworkPolicy namespace selectors see the labels of the first")
        .contains(
            "kordon: note: "
                + A
                + ":27: Role shop/reader is also defined at "
                + B
                + ":28; a binding to it is taken to grant the rules of every copy")
        .contains(
            "kordon: note: "
                + A
                + ":32: RoleBinding shop/reader is also defined at "
                + B
                + ":33; each copy is judged on its own");
    assertThat(r.err().lines().filter(l -> l.startsWith("kordon: note: "))).hasSize(4);
  }

  @Test
  void scanNotesTheDuplicatesAndReportsTheFindingsOfEachCopyAtItsFile() throws Exception {
    CliRun r = run("scan", "--format", "json");

    assertThat(r.code()).isZero();
    assertNotes(r);
    JsonNode report = JsonOutput.mapper().readTree(r.out());
    assertThat(report.path("notes")).hasSize(4);
    assertThat(report.path("notes").get(1).path("file").asString()).isEqualTo(A);
    assertThat(report.path("notes").get(1).path("line").asInt()).isEqualTo(7);
    List<String> privileged = new ArrayList<>();
    for (JsonNode f : report.path("findings")) {
      if (f.path("resource").path("name").asString().equals("api")
          && f.path("message").asString().contains("privileged")) {
        privileged.add(f.path("location").path("file").asString());
      }
    }
    assertThat(privileged).isNotEmpty().containsOnly(B);
  }

  @Test
  void pssJudgesEachCopyAndNamesItsFile() {
    CliRun r = run("pss");

    assertThat(r.code()).isEqualTo(1);
    assertNotes(r);
    assertThat(r.out())
        .contains("Deployment shop/api (" + A + ":7): denied at restricted:latest")
        .contains("Deployment shop/api (" + B + ":7): denied at restricted:latest")
        .contains("Deployment shop/web: denied at restricted:latest")
        .contains("  privileged  " + B + ":19:29")
        .doesNotContain("  privileged  " + A);
  }

  @Test
  void pssNamespacesTakesTheStrictestLabelsOfTheNamespaceCopiesAndListsEachWorkloadCopy()
      throws Exception {
    CliRun r = run("pss", "--namespaces");

    assertThat(r.code()).isEqualTo(1);
    assertNotes(r);
    // a.yaml says enforce=restricted, b.yaml enforce=baseline: restricted, whichever file came last
    assertThat(r.out())
        .startsWith(
            "namespace shop: enforce=restricted:latest audit=privileged:latest (default)"
                + " warn=privileged:latest (default)\n")
        .contains("  Deployment shop/api (" + A + ":7): enforce would reject its pods")
        .contains("  Deployment shop/api (" + B + ":7): enforce would reject its pods")
        .contains("3 workloads: 3 rejected by enforce");

    CliRun reversed = CliRun.of("pss", "--namespaces", B, A);
    assertThat(reversed.out()).startsWith("namespace shop: enforce=restricted:latest");

    JsonNode json =
        JsonOutput.mapper().readTree(run("pss", "--namespaces", "--format", "json").out());
    JsonNode workloads = json.path("sections").get(0).path("data").path("workloads");
    List<String> copies = new ArrayList<>();
    for (JsonNode w : workloads) {
      copies.add(w.path("resource").path("name").asString() + " " + w.path("copy").asString(""));
    }
    assertThat(copies).containsExactly("api " + A + ":7", "web ", "api " + B + ":7");
  }

  @Test
  void netpolExplainExplainsEveryCopyOfANameLabelledWithItsFile() {
    CliRun r = run("netpol", "explain", "shop/web", "shop/api", "--port", "8080");

    // the copy in b.yaml is isolated for ingress by b.yaml's policy: denied, so the answer is no
    assertThat(r.code()).isEqualTo(1);
    assertNotes(r);
    assertThat(r.out())
        .contains("shop/web -> shop/api (" + A + ":7) 8080/TCP: ALLOWED")
        .contains("shop/web -> shop/api (" + B + ":7) 8080/TCP: DENIED");

    CliRun one = run("netpol", "explain", "shop/web", "shop/api (" + A + ":7)", "--port", "8080");
    assertThat(one.code()).isZero();
    assertThat(one.out()).contains("ALLOWED").doesNotContain(B + ":7");
  }

  @Test
  void netpolMatrixAndCoverageShowEachCopyByItsFile() {
    CliRun matrix = run("netpol", "matrix", "--ports", "8080");

    assertThat(matrix.code()).isZero();
    assertNotes(matrix);
    assertThat(matrix.out())
        .contains("shop/api (" + A + ":7) . . X  0")
        .containsPattern("\nshop/web +\\. \\. X  1\n")
        .contains("shop/api (" + B + ":7) . . X  2");

    CliRun coverage = run("netpol", "coverage");
    assertThat(coverage.code()).isZero();
    assertThat(coverage.out())
        .contains(
            "Pods selected by no ingress policy: 2\n"
                + "  shop/api (Deployment, "
                + A
                + ":7)\n"
                + "  shop/web (Deployment)\n");
  }

  @Test
  void rbacWhoCanShowsOneRowPerBindingCopyWithItsFile() {
    CliRun r = run("rbac", "who-can", "get", "secrets", "-n", "shop");

    assertThat(r.code()).isZero();
    assertNotes(r);
    String role = "Role shop/reader (" + A + ":27, " + B + ":28)";
    assertThat(r.out())
        .contains("RoleBinding shop/reader (" + A + ":32)")
        .contains("RoleBinding shop/reader (" + B + ":33)")
        .contains(role)
        .contains("2 grants.");
  }

  @Test
  void rbacCanGrantsTheRulesOfEveryCopyOfTheRole() {
    CliRun r = run("rbac", "can", "serviceaccount:shop:api");

    assertThat(r.code()).isZero();
    assertNotes(r);
    assertThat(r.out())
        .contains("shop   configmaps                  get")
        .contains("shop   secrets                     get,list");
  }

  @Test
  void rbacRisksListsTheRiskOnceForEachBindingCopy() throws Exception {
    CliRun r = run("rbac", "risks");

    assertThat(r.code()).isEqualTo(1);
    assertNotes(r);
    assertThat(r.out())
        .contains("RoleBinding shop/reader (" + A + ":32) -> Role shop/reader")
        .contains("RoleBinding shop/reader (" + B + ":33) -> Role shop/reader")
        .contains("2 risky grants.");

    JsonNode json = JsonOutput.mapper().readTree(run("rbac", "risks", "--format", "json").out());
    JsonNode risks = json.path("sections").get(0).path("data").path("risks");
    assertThat(risks.get(0).path("grant").path("binding").path("copies").get(0).asString())
        .isEqualTo(A + ":32");
    assertThat(risks.get(1).path("grant").path("binding").path("copies").get(0).asString())
        .isEqualTo(B + ":33");
    assertThat(risks.get(0).path("grant").path("subject").has("copies")).isFalse();
  }

  @Test
  void onATerminalTheNotesAreShownOnceAndARedirectedTableKeepsThem() {
    CliRun terminal = CliRun.onTerminal("scan", A, B);
    assertThat(terminal.err()).contains("kordon: note: ").contains("also defined at");
    assertThat(terminal.out()).doesNotContain("note: ").contains("objects, ");

    CliRun redirected = CliRun.of("scan", A, B);
    assertThat(redirected.err()).contains("kordon: note: ");
    assertThat(redirected.out()).contains("note: ").contains("also defined at");
  }
}
