package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.image.testing.Cosign;
import dev.kordon.image.testing.Fixtures;
import dev.kordon.image.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code kordon image scan|verify} on images built in the test, through the real CLI. */
class ImageCommandTest {

  @TempDir Path tmp;

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void jsonHasTheImagesShapeAndExitCodesFollowFailOn() throws Exception {
    Path layout = tmp.resolve("debian");
    String digest = TestImages.ociLayout(layout, "12", Fixtures.debian());
    Path osv = Fixtures.osv(tmp.resolve("osv"));
    CliRun run =
        CliRun.of(
            "image",
            "scan",
            "oci:" + layout,
            "--vuln-db",
            osv.toString(),
            "--format",
            "json",
            "--fail-on",
            "critical");
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains("vulnerability data: 13 OSV records")
        .contains("newest modified 2024-05-01");
    JsonNode root = JSON.readTree(run.out());
    JsonNode image = root.path("images").get(0);
    assertThat(image.path("image").asString()).isEqualTo("oci:" + layout);
    assertThat(image.path("digest").asString()).isEqualTo(digest);
    assertThat(image.path("os").path("id").asString()).isEqualTo("debian");
    assertThat(image.path("os").path("versionId").asString()).isEqualTo("12");
    JsonNode pkg = image.path("packages").get(0);
    for (String field : new String[] {"name", "version", "ecosystem", "purl", "layer"}) {
      assertThat(pkg.has(field)).as(field).isTrue();
    }
    assertThat(image.path("packages")).hasSize(Fixtures.DEBIAN_PACKAGES.size());
    JsonNode vuln = image.path("vulnerabilities").get(0);
    for (String field :
        new String[] {
          "id", "aliases", "package", "version", "ecosystem", "fixedVersion", "severity"
        }) {
      assertThat(vuln.has(field)).as(field).isTrue();
    }
    assertThat(vuln.path("id").asString()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
    assertThat(vuln.path("severity").asString()).isEqualTo("critical");
    assertThat(image.path("vulnerabilities")).hasSize(Fixtures.DEBIAN_VULNS.size());
    assertThat(root.path("vulnDb").path("dataDate").asString()).isEqualTo("2024-05-01T00:00:00Z");
    assertThat(root.path("findings")).hasSize(Fixtures.DEBIAN_VULNS.size());
    assertThat(root.path("findings").get(0).path("controlId").asString()).isEqualTo("KOR-0450");
    // the broken record is a note, not an error
    assertThat(root.path("errors")).isEmpty();
    assertThat(root.path("notes").toString()).contains("broken.json");

    assertThat(CliRun.of("image", "scan", "oci:" + layout, "--vuln-db", osv.toString()).code())
        .isZero();
  }

  @Test
  void tableAndSarifListTheVulnerabilities() throws Exception {
    Path layout = tmp.resolve("alpine");
    TestImages.ociLayout(layout, "3.20", Fixtures.alpine());
    Path osv = Fixtures.osv(tmp.resolve("osv"));
    CliRun table = CliRun.of("image", "scan", "oci:" + layout, "--vuln-db", osv.toString());
    assertThat(table.out())
        .contains("ALPINE-CVE-2024-0010")
        .contains("openssl 3.3.2-r0 (installed as libcrypto3, libssl3): fixed in 3.3.2-r1")
        .contains("alpine 3.20.3")
        .contains("KOR-0451")
        .doesNotContain("ALPINE-CVE-2024-0011");
    CliRun sarif =
        CliRun.of(
            "image", "scan", "oci:" + layout, "--vuln-db", osv.toString(), "--format", "sarif");
    JsonNode results = JSON.readTree(sarif.out()).path("runs").get(0).path("results");
    assertThat(results.toString()).contains("KOR-0450").contains("ALPINE-CVE-2024-0012");
  }

  @Test
  void cycloneDxGoesToTheOutputFile() throws Exception {
    Path tar = tmp.resolve("debian.tar");
    TestImages.dockerArchive(tar, "debian:12", Fixtures.debian());
    Path out = tmp.resolve("out/sbom.json");
    CliRun run =
        CliRun.of(
            "image",
            "scan",
            "docker-archive:" + tar,
            "--format",
            "cyclonedx",
            "--output",
            out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    JsonNode bom = JSON.readTree(Files.readString(out));
    assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
    assertThat(bom.path("specVersion").asString()).isEqualTo("1.6");
    assertThat(bom.path("components")).hasSize(Fixtures.DEBIAN_PACKAGES.size());
    // and the SBOM is an input again
    CliRun again = CliRun.of("image", "scan", "sbom:" + out, "--format", "json");
    assertThat(JSON.readTree(again.out()).path("images").get(0).path("packages"))
        .hasSize(Fixtures.DEBIAN_PACKAGES.size());
  }

  @Test
  void anUnreadableImageIsAnErrorAndTheOthersAreStillScanned() throws Exception {
    Path layout = tmp.resolve("alpine");
    TestImages.ociLayout(layout, "3.20", Fixtures.alpine());
    CliRun run =
        CliRun.of(
            "image", "scan", "oci:" + tmp.resolve("missing"), "oci:" + layout, "--format", "json");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("missing").contains("not an OCI image layout");
    assertThat(JSON.readTree(run.out()).path("images")).hasSize(1);
    assertThat(CliRun.of("image", "scan", "oci:" + layout, "--format", "junit").err())
        .contains("(use table, json, sarif, markdown, html, cyclonedx)");
  }

  @Test
  void verifySaysWhoSignedWhichDigest() throws Exception {
    KeyPair key = Cosign.keyPair();
    Path layout = tmp.resolve("app");
    String digest = Cosign.signedLayout(layout, "v1", Fixtures.alpine(), key, "r/app");
    Path pub = tmp.resolve("cosign.pub");
    Files.writeString(pub, Cosign.pem(key.getPublic()));
    CliRun ok = CliRun.of("image", "verify", "oci:" + layout + ":v1", "--key", pub.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains(digest).contains("verified");
    Path other = tmp.resolve("other.pub");
    Files.writeString(other, Cosign.pem(Cosign.keyPair().getPublic()));
    CliRun bad =
        CliRun.of(
            "image",
            "verify",
            "oci:" + layout + ":v1",
            "--key",
            other.toString(),
            "--format",
            "json");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(JSON.readTree(bad.out()).path("findings").get(0).path("controlId").asString())
        .isEqualTo("KOR-0452");
  }
}
