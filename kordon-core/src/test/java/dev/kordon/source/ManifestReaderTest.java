package dev.kordon.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.model.ScanError;
import dev.kordon.model.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

  private final ManifestReader reader = new ManifestReader();

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        namespace: shop
      spec:
        containers:
          - name: app
            image: nginx:1.27
            securityContext:
              privileged: true
      """;

  @Test
  void locatesTheOffendingFieldNotTheDocumentStart() {
    KubeObject pod = reader.read("pod.yaml", POD).objects().get(0);
    JsonPointer field = JsonPointer.parse("/spec/containers/0/securityContext/privileged");
    assertThat(pod.locate(field)).contains(new SourceLocation("pod.yaml", 11, 9));
    assertThat(pod.bool(field)).contains(true);
  }

  @Test
  void missingFieldResolvesToDeepestExistingAncestor() {
    KubeObject pod = reader.read("pod.yaml", POD).objects().get(0);
    JsonPointer missing = JsonPointer.parse("/spec/containers/0/resources/limits");
    assertThat(pod.locate(missing)).contains(new SourceLocation("pod.yaml", 8, 7));
  }

  @Test
  void readsMultipleDocumentsWithTheirOwnLines() {
    String text = POD + "---\n# a comment only\n---\n" + POD.replace("name: web", "name: api");
    ReadResult r = reader.read("two.yaml", text);
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("web", "api");
    assertThat(r.objects().get(1).locate(JsonPointer.parse("/metadata/name")))
        .map(SourceLocation::line)
        .contains(11 + 3 + 4);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void flattensListsAndKeepsItemLocations() {
    String text =
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ServiceAccount
            metadata: {name: a, namespace: x}
          - apiVersion: v1
            kind: Pod
            metadata: {name: b, namespace: x}
            spec:
              hostPID: true
        """;
    ReadResult r = reader.read("list.yaml", text);
    assertThat(r.objects()).extracting(KubeObject::kind).containsExactly("ServiceAccount", "Pod");
    assertThat(r.objects().get(1).locate(JsonPointer.parse("/spec/hostPID")))
        .map(SourceLocation::line)
        .contains(11);
  }

  @Test
  void readsJson() {
    String json =
        "{\"apiVersion\": \"v1\", \"kind\": \"Pod\",\n \"metadata\": {\"name\": \"j\"},\n"
            + " \"spec\": {\"hostNetwork\": true, \"containers\": []}}";
    KubeObject pod = reader.read("pod.json", json).objects().get(0);
    assertThat(pod.bool(JsonPointer.parse("/spec/hostNetwork"))).contains(true);
    assertThat(pod.locate(JsonPointer.parse("/spec/hostNetwork")))
        .map(SourceLocation::line)
        .contains(3);
  }

  @Test
  void resolvesScalarsAsKubernetesDoes() {
    String text =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: s}
        spec:
          hostIPC: yes
          hostPID: "true"
          terminationGracePeriodSeconds: 0x1F
          volumes:
            - name: v
              secret: {secretName: s, defaultMode: 0644}
        """;
    KubeObject pod = reader.read("s.yaml", text).objects().get(0);
    assertThat(pod.bool(JsonPointer.parse("/spec/hostIPC"))).contains(true);
    assertThat(pod.bool(JsonPointer.parse("/spec/hostPID"))).as("a quoted string").isEmpty();
    assertThat(pod.integer(JsonPointer.parse("/spec/terminationGracePeriodSeconds")).getAsLong())
        .isEqualTo(31);
    assertThat(pod.integer(JsonPointer.parse("/spec/volumes/0/secret/defaultMode")).getAsLong())
        .isEqualTo(420);
  }

  @Test
  void malformedDocumentIsAnErrorWithLineAndEarlierDocumentsSurvive() {
    String text = POD + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n";
    ReadResult r = reader.read("bad.yaml", text);
    assertThat(r.objects()).hasSize(1);
    assertThat(r.problems()).hasSize(1);
    ScanError e = r.problems().get(0);
    assertThat(e.isError()).isTrue();
    assertThat(e.file()).isEqualTo("bad.yaml");
    assertThat(e.line()).isBetween(15, 17);
  }

  @Test
  void aBrokenDocumentDoesNotHideTheRestOfItsFile() {
    String broken = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n bad: indentation\n";
    String third = POD.replace("name: web", "name: api");
    String text = POD + "---\n" + broken + "---\n" + third;
    ReadResult r = reader.read("three.yaml", text);
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("web", "api");
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.isError()).isTrue();
              assertThat(e.file()).isEqualTo("three.yaml");
              assertThat(e.line()).isEqualTo(17);
              assertThat(e.message())
                  .startsWith("invalid YAML: ")
                  .endsWith("; document 2 skipped, reading resumed at line 18");
            });
    KubeObject api = r.objects().get(1);
    assertThat(api.locate(JsonPointer.parse("/spec/containers/0/securityContext/privileged")))
        .contains(new SourceLocation("three.yaml", 18 + 11, 9));
    assertThat(api.origin())
        .isInstanceOfSatisfying(
            dev.kordon.model.Origin.File.class, o -> assertThat(o.document()).isEqualTo(2));
  }

  @Test
  void resumesOnlyAtAMarkerInColumnZeroAfterTheError() {
    String text =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n"
            + "data:\n  script: |\n    echo one\n    ---\n    echo two\n"
            + "---\n"
            + POD;
    ReadResult r = reader.read("flow.yaml", text);
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("web");
    assertThat(r.objects().get(0).locate(JsonPointer.parse("/metadata/name")))
        .contains(new SourceLocation("flow.yaml", 10 + 3, 3));
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            e -> assertThat(e.message()).endsWith("document 1 skipped, reading resumed at line 9"));
  }

  @Test
  void everyBrokenDocumentIsNamedAndTheLastOneEndsTheFile() {
    String bad = "apiVersion: v1\nkind: Pod\nmetadata: {name: x\n";
    String text =
        "--- " + bad.substring(0, 14) + "\n" + "---\n" + bad + "---\n" + POD + "---\n" + bad;
    ReadResult r = reader.read("many.yaml", text);
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("web");
    assertThat(r.problems())
        .extracting(ScanError::message)
        .satisfiesExactly(
            m ->
                assertThat(m)
                    .as("an error on the marker line itself resumes at the next marker")
                    .endsWith("document 1 skipped, reading resumed at line 2"),
            m -> assertThat(m).endsWith("document 2 skipped, reading resumed at line 6"),
            m -> assertThat(m).endsWith("document 4 skipped"));
    assertThat(r.problems()).extracting(ScanError::line).containsExactly(1, 6, 22);
  }

  @Test
  void limitsStillHoldInTheDocumentsAfterABrokenOne() {
    StringBuilder bomb =
        new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\n");
    bomb.append("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      bomb.append("]\n");
    }
    String text = "kind: [broken\n---\n" + bomb + "---\n" + POD;
    ReadResult r = reader.read("bomb.yaml", text);
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("web");
    assertThat(r.problems()).hasSize(2);
    assertThat(r.problems()).allSatisfy(p -> assertThat(p.isError()).isTrue());
    assertThat(r.problems()).anySatisfy(p -> assertThat(p.message()).contains("refused"));
  }

  @Test
  void errorMessagesNeverQuoteTheOffendingLine() {
    String text =
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n"
            + "  password: hunter2-very-secret\n   bad: indentation: here\n";
    ReadResult r = reader.read("secret.yaml", text);
    assertThat(r.problems()).isNotEmpty();
    assertThat(r.problems()).allSatisfy(p -> assertThat(p.message()).doesNotContain("hunter2"));
  }

  @Test
  void refusesBillionLaughs() {
    StringBuilder sb =
        new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\n");
    sb.append("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      sb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      sb.append("]\n");
    }
    ReadResult r = reader.read("bomb.yaml", sb.toString());
    assertThat(r.objects()).isEmpty();
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.isError()).isTrue();
              assertThat(p.message()).contains("refused");
            });
  }

  @Test
  void refusesExtremeNestingWithoutOverflowingTheStack() {
    String deep =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: "
            + "[".repeat(100_000)
            + "]".repeat(100_000)
            + "\n";
    ReadResult r = reader.read("deep.yaml", deep);
    assertThat(r.objects()).isEmpty();
    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("nesting"));
  }

  @Test
  void skipsATooDeepDocumentByItsTextAndReadsTheNextOnes() {
    String deep = "[".repeat(50_000) + "]".repeat(50_000);
    String text =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: "
            + deep
            + "\n---\n"
            + POD
            + "--- "
            + deep
            + "\n---\n"
            + POD.replace("name: web", "name: api");
    ReadResult r = reader.read("deep.yaml", text);
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("web", "api");
    assertThat(r.problems())
        .extracting(ScanError::line, ScanError::message)
        .containsExactly(
            tuple(4, "nesting deeper than 200 levels; refused"),
            tuple(17, "nesting deeper than 200 levels; refused"));
    // documents keep their numbers: the skipped ones count
    assertThat(r.objects())
        .extracting(o -> ((Origin.File) o.origin()).document())
        .containsExactly(1, 3);
  }

  @Test
  void aTooDeepLastDocumentEndsTheFile() {
    ReadResult r = reader.read("deep.yaml", POD + "---\ndata: " + "{a: ".repeat(300) + "\n");
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("web");
    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("nesting deeper than 200"));
  }

  @Test
  void refusesOversizedDocumentsButReadsTheNextOne() {
    ManifestReader small = new ManifestReader(new ReaderLimits(1 << 20, 2_000, 50, 10_000, 10));
    String big =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n"
            + "  k: \""
            + "x".repeat(5_000)
            + "\"\n  z: 1\n";
    ReadResult r = small.read("big.yaml", big + "---\n" + POD);
    assertThat(r.objects()).extracting(KubeObject::name).containsExactly("web");
    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("larger"));
  }

  @Test
  void refusesRecursiveAliases() {
    String text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: r}\ndata: &x {a: *x}\n";
    ReadResult r = reader.read("rec.yaml", text);
    assertThat(r.objects()).isEmpty();
    assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.isError()).isTrue());
  }

  @Test
  void expandsAnchorsAndMergeKeysWithinBudget() {
    String text =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: m}
        spec:
          containers:
            - &base {name: a, image: x, securityContext: {privileged: true}}
            - <<: *base
              name: b
        """;
    KubeObject pod = reader.read("m.yaml", text).objects().get(0);
    assertThat(pod.text(JsonPointer.parse("/spec/containers/1/name"))).contains("b");
    assertThat(pod.bool(JsonPointer.parse("/spec/containers/1/securityContext/privileged")))
        .contains(true);
  }

  @Test
  void skipsYamlThatIsNotAKubernetesObjectWithANote() {
    ReadResult r = reader.read("values.yaml", "replicas: 3\nimage: {tag: latest}\n---\n- a\n- b\n");
    assertThat(r.objects()).isEmpty();
    assertThat(r.problems()).hasSize(2).allSatisfy(p -> assertThat(p.isError()).isFalse());
  }

  @Test
  void duplicateKeysAreANoteAndTheLastOneWins() {
    ReadResult r =
        reader.read(
            "dup.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: d}\nspec: {hostPID: true, hostPID: false}\n");
    assertThat(r.objects().get(0).bool(JsonPointer.parse("/spec/hostPID"))).contains(false);
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.isError()).isFalse();
              assertThat(p.line()).isEqualTo(4);
            });
  }

  @Test
  void redactsEverySecretValueIncludingKubectlsCopy() {
    String text =
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"c3VwZXJzZWNyZXQ="}}'
        data:
          password: c3VwZXJzZWNyZXQ=
        stringData:
          token: supersecret
        """;
    KubeObject secret = reader.read("s.yaml", text).objects().get(0);
    String raw = secret.raw().toString();
    assertThat(raw).doesNotContain("c3VwZXJzZWNyZXQ").doesNotContain("supersecret");
    assertThat(secret.text(JsonPointer.parse("/data/password"))).contains(ManifestReader.REDACTED);
    assertThat(secret.annotations().values()).doesNotContain("supersecret");
  }

  @Test
  void lineEndingsDoNotMoveFindings() {
    for (String eol : List.of("\r\n", "\r")) {
      KubeObject pod = reader.read("pod.yaml", POD.replace("\n", eol)).objects().get(0);
      assertThat(pod.locate(JsonPointer.parse("/spec/containers/0/securityContext/privileged")))
          .map(SourceLocation::line)
          .as("line endings %s", eol.equals("\r") ? "CR" : "CRLF")
          .contains(11);
    }
  }
}
