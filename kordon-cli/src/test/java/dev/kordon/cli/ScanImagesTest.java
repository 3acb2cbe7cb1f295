package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.image.testing.Cosign;
import dev.kordon.image.testing.Fixtures;
import dev.kordon.image.testing.Registry;
import dev.kordon.image.testing.Sigstore;
import dev.kordon.image.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kordon scan --images}: the workloads' images read once each, their content judged on the
 * workloads, on images built by the test (OCI layouts, and a real registry when installed).
 */
class ScanImagesTest {

  @TempDir Path tmp;

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Two workloads sharing the Debian image, an Alpine init container, an image that is absent. */
  static String manifests(String debian, String alpine, String missing) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          selector:
            matchLabels:
              app: api
          template:
            metadata:
              labels:
                app: api
            spec:
              initContainers:
                - name: setup
                  image: %2$s
              containers:
                - name: api
                  image: %1$s
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: nightly
          namespace: shop
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                    - name: job
                      image: %1$s
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: orphan
          namespace: shop
        spec:
          containers:
            - name: app
              image: %3$s
        """
        .formatted(debian, alpine, missing);
  }

  static int lineOf(String text, String needle) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " not in the manifest");
  }

  static List<String> findings(JsonNode root) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : root.path("findings")) {
      if (f.path("controlId").asString().compareTo("KOR-0453") >= 0
          && f.path("controlId").asString().compareTo("KOR-0455") <= 0) {
        out.add(
            f.path("controlId").asString()
                + " "
                + f.path("severity").asString()
                + " "
                + f.path("resource").path("kind").asString()
                + "/"
                + f.path("resource").path("name").asString()
                + " "
                + f.path("path").asString()
                + " line "
                + f.path("location").path("line").asInt());
      }
    }
    return out;
  }

  @Test
  void ociImagesAreReadOnceAndJudgedOnTheWorkloadsThatRunThem() throws Exception {
    KeyPair key = Cosign.keyPair();
    Path debian = tmp.resolve("debian");
    Cosign.signedLayout(debian, "12", Fixtures.debian(), key, "shop/debian");
    Path alpine = tmp.resolve("alpine");
    TestImages.ociLayout(alpine, "3.20", Fixtures.alpine());
    Path pub = tmp.resolve("cosign.pub");
    Files.writeString(pub, Cosign.pem(key.getPublic()));
    String debianRef = "oci:" + debian + ":12";
    String alpineRef = "oci:" + alpine + ":3.20";
    String missingRef = "oci:" + tmp.resolve("gone");
    String text = manifests(debianRef, alpineRef, missingRef);
    Path file = tmp.resolve("k8s/app.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Path osv = Fixtures.osv(tmp.resolve("osv"));

    CliRun run =
        CliRun.of(
            "scan",
            file.getParent().toString(),
            "--images",
            "--local-images",
            "--vuln-db",
            osv.toString(),
            "--verify-key",
            pub.toString(),
            "--format",
            "json",
            "--fail-on",
            "critical");

    assertThat(run.code()).as(run.err()).isEqualTo(1);
    int api = lineOf(text, "- name: api") + 1;
    int setup = lineOf(text, "- name: setup") + 1;
    int job = lineOf(text, "- name: job") + 1;
    JsonNode root = JSON.readTree(run.out());
    assertThat(findings(root))
        .containsExactlyInAnyOrder(
            // log4j (critical, fixed in 2.15.0) and lodash (high, fixed in 4.17.21)
            "KOR-0453 critical Deployment/api /spec/template/spec/containers/0/image line " + api,
            "KOR-0453 critical CronJob/nightly"
                + " /spec/jobTemplate/spec/template/spec/containers/0/image line "
                + job,
            // Alpine 3.20 ended on 2026-04-01; its vulnerabilities have no severity (low)
            "KOR-0454 high Deployment/api /spec/template/spec/initContainers/0/image line " + setup,
            // signed: the Debian image; not signed: the Alpine one
            "KOR-0455 high Deployment/api /spec/template/spec/initContainers/0/image line "
                + setup);
    String message =
        root.path("findings").findValues("message").stream()
            .map(JsonNode::asString)
            .filter(m -> m.startsWith("container \"api\""))
            .filter(m -> m.contains("with a fix"))
            .findFirst()
            .orElseThrow();
    assertThat(message)
        .contains("2 vulnerabilities (1 critical, 1 high) with a fix")
        .contains(
            "GHSA-jfh8-c2jp-5v3q (critical) in org.apache.logging.log4j:log4j-core 2.14.1,"
                + " fixed in 2.15.0")
        .contains("GHSA-lodash (high) in lodash 4.17.20, fixed in 4.17.21")
        .doesNotContain("jackson");
    // each image once; the absent one is a note naming its workload, and the scan went on
    assertThat(run.err())
        .contains("images: 3 distinct, 2 read, 1 unreadable")
        .contains("kordon: note: " + missingRef + ": cannot read the image (")
        .contains("used by Pod shop/orphan");
    assertThat(root.path("errors")).isEmpty();
    assertThat(root.path("notes").toString()).contains("used by Pod shop/orphan");
  }

  @Test
  void localReferencesInManifestsAreReadOnlyWhenAskedFor() throws Exception {
    Path debian = tmp.resolve("debian");
    TestImages.ociLayout(debian, "12", Fixtures.debian());
    Path file = tmp.resolve("app.yaml");
    String ref = "oci:" + debian + ":12";
    Files.writeString(file, manifests(ref, "docker-archive:/dev/zero", ref));
    CliRun run =
        CliRun.of(
            "scan",
            file.toString(),
            "--images",
            "--vuln-db",
            Fixtures.osv(tmp.resolve("osv")).toString(),
            "--format",
            "json");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(findings(JSON.readTree(run.out()))).isEmpty();
    assertThat(run.err())
        .contains("images: 0 distinct, 0 read")
        .contains("kordon: note: " + ref + ": local image reference not read (--local-images")
        .contains("used by Deployment shop/api, CronJob shop/nightly, Pod shop/orphan")
        .contains("kordon: note: docker-archive:/dev/zero: local image reference not read");
  }

  @Test
  void keylessSignaturesAreCheckedAgainstTheIdentityAndTrustedRoot() throws Exception {
    Sigstore sigstore = new Sigstore();
    Path root = tmp.resolve("trusted_root.json");
    Files.writeString(root, sigstore.trustedRoot());
    Instant signedAt = Instant.parse("2025-06-01T12:00:00Z");
    String issuer = "https://token.actions.example.com";
    Path ci = tmp.resolve("ci");
    Path other = tmp.resolve("other");
    for (Path layout : List.of(ci, other)) {
      String descriptor = TestImages.writeManifest(layout, Fixtures.alpine(), "amd64");
      String who = layout.equals(ci) ? "https://ci.example.com/release" : "mallory@example.com";
      sigstore.signLayout(
          layout,
          "v1",
          descriptor,
          sigstore.leaf(who, issuer, signedAt.minusSeconds(60)),
          signedAt,
          Cosign.payload("shop/app", TestImages.digestOf(descriptor)));
    }
    String text = manifests("oci:" + ci + ":v1", "oci:" + other + ":v1", "oci:" + ci + ":v1");
    Path file = tmp.resolve("app.yaml");
    Files.writeString(file, text);

    CliRun run =
        CliRun.of(
            "scan",
            file.toString(),
            "--images",
            "--local-images",
            "--certificate-identity",
            "https://ci.example.com/release",
            "--certificate-oidc-issuer",
            issuer,
            "--trusted-root",
            root.toString(),
            "--format",
            "json",
            "--fail-on",
            "high");

    assertThat(run.code()).as(run.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(run.out());
    // only the init container runs the image signed by another identity
    assertThat(findings(report).stream().filter(f -> f.startsWith("KOR-0455")))
        .containsExactly(
            "KOR-0455 high Deployment/api /spec/template/spec/initContainers/0/image line "
                + (lineOf(text, "- name: setup") + 1));
    assertThat(report.path("findings").toString()).contains("mallory@example.com");

    CliRun both =
        CliRun.of(
            "scan",
            file.toString(),
            "--images",
            "--verify-key",
            root.toString(),
            "--certificate-identity",
            "x");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("exclude each other");
    CliRun stray =
        CliRun.of("scan", file.toString(), "--certificate-identity", "x", "--trusted-root", "r");
    assertThat(stray.code()).isEqualTo(2);
    assertThat(stray.err()).contains("needs --images");
  }

  @Test
  void withoutImagesNothingIsReadAndImageFlagsNeedIt() throws Exception {
    Path file = tmp.resolve("app.yaml");
    Files.writeString(
        file, manifests("registry.invalid/a:1", "registry.invalid/b:1", "registry.invalid/c:1"));
    CliRun plain = CliRun.of("scan", file.toString(), "--format", "json");
    assertThat(plain.code()).as(plain.err()).isZero();
    assertThat(findings(JSON.readTree(plain.out()))).isEmpty();
    assertThat(plain.err()).doesNotContain("images:");

    CliRun stray = CliRun.of("scan", file.toString(), "--vuln-db", tmp.toString());
    assertThat(stray.code()).isEqualTo(2);
    assertThat(stray.err()).contains("--vuln-db needs --images");
    CliRun badKey = CliRun.of("scan", file.toString(), "--images", "--verify-key", file.toString());
    assertThat(badKey.code()).isEqualTo(2);
    assertThat(badKey.err()).contains("--verify-key " + file);
  }

  @Test
  void theExamplesWithUnreachableRegistriesAreStillScanned() throws Exception {
    Path examples = Path.of("..", "examples", "insecure");
    CliRun without = CliRun.of("scan", examples.toString(), "--format", "json");
    Path config = tmp.resolve("docker-config.json");
    Files.writeString(config, "{}");
    // registry.invalid never resolves (RFC 6761); the examples' registries are not reachable
    // from a test either way, and each image must end in a note, not in a failed scan
    CliRun with =
        CliRun.of(
            "scan",
            examples.toString(),
            "--images",
            "--docker-config",
            config.toString(),
            "--vuln-db",
            Fixtures.osv(tmp.resolve("osv")).toString(),
            "--format",
            "json");
    assertThat(with.code()).as(with.err()).isEqualTo(without.code());
    JsonNode a = JSON.readTree(without.out());
    JsonNode b = JSON.readTree(with.out());
    assertThat(b.path("findings").size()).isEqualTo(a.path("findings").size());
    assertThat(b.path("errors")).isEqualTo(a.path("errors"));
    int distinct =
        (int)
            b.path("notes").findValues("message").stream()
                .filter(m -> m.asString().startsWith("cannot read the image ("))
                .count();
    assertThat(distinct).isGreaterThan(5);
    assertThat(with.err())
        .contains("images: " + distinct + " distinct, 0 read, " + distinct + " unreadable")
        .contains("kordon: note: nginx:latest: cannot read the image (")
        .contains("used by Deployment shop/web");
  }

  @Test
  void aRealRegistryServesTheWorkloadsImages() throws Exception {
    Path dir = tmp.resolve("registry");
    try (Registry registry = Registry.start(dir)) {
      Path debian = tmp.resolve("debian");
      TestImages.ociLayout(debian, "12", Fixtures.debian());
      registry.push(debian, "12", "shop/debian:12");
      Path alpineZstd = tmp.resolve("alpine");
      TestImages.ociLayoutZstd(alpineZstd, "3.20", Fixtures.alpine());
      registry.push(alpineZstd, "3.20", "shop/alpine:3.20");
      String host = registry.host();
      String text =
          manifests(host + "/shop/debian:12", host + "/shop/alpine:3.20", host + "/shop/gone:1");
      Path file = tmp.resolve("app.yaml");
      Files.writeString(file, text);
      CliRun run =
          CliRun.of(
              "scan",
              file.toString(),
              "--images",
              "--vuln-db",
              Fixtures.osv(tmp.resolve("osv")).toString(),
              "--format",
              "sarif");
      assertThat(run.code()).as(run.err()).isZero();
      JsonNode results = JSON.readTree(run.out()).path("runs").get(0).path("results");
      List<String> got = new ArrayList<>();
      for (JsonNode r : results) {
        String id = r.path("ruleId").asString();
        if (id.equals("KOR-0453") || id.equals("KOR-0454") || id.equals("KOR-0455")) {
          got.add(
              id
                  + " line "
                  + r.path("locations")
                      .get(0)
                      .path("physicalLocation")
                      .path("region")
                      .path("startLine")
                      .asInt());
        }
      }
      assertThat(got)
          .containsExactlyInAnyOrder(
              "KOR-0453 line " + (lineOf(text, "- name: api") + 1),
              "KOR-0453 line " + (lineOf(text, "- name: job") + 1),
              "KOR-0454 line " + (lineOf(text, "- name: setup") + 1));
      assertThat(run.err())
          .contains("images: 3 distinct, 2 read, 1 unreadable")
          .contains(host + "/shop/gone:1: cannot read the image (manifest unknown to the registry)")
          .contains("used by Pod shop/orphan");
    }
  }
}
