package dev.kordon.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.image.inventory.ImageInventory;
import dev.kordon.image.inventory.Package;
import dev.kordon.image.layer.ImageLimits;
import dev.kordon.image.source.DockerConfig;
import dev.kordon.image.source.Platform;
import dev.kordon.image.testing.Fixtures;
import dev.kordon.image.testing.TestImages;
import dev.kordon.image.testing.TestLayer;
import dev.kordon.image.vuln.OsvDatabase;
import dev.kordon.image.vuln.VulnerabilityMatch;
import dev.kordon.image.vuln.VulnerabilityMatcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixture images in every format and ecosystem, with the packages and vulnerabilities expected. */
class ImageScanTest {

  @TempDir Path tmp;

  static ImageReader reader(Platform platform) {
    return new ImageReader(DockerConfig.NONE, platform, false, ImageLimits.DEFAULT);
  }

  static List<String> packages(ImageInventory inv) {
    return inv.packages().stream()
        .map(p -> p.ecosystem() + " " + p.name() + " " + p.version())
        .toList();
  }

  static List<String> vulns(List<VulnerabilityMatch> matches) {
    return matches.stream()
        .map(
            m ->
                m.id()
                    + " "
                    + m.pkg()
                    + " "
                    + m.version()
                    + " "
                    + (m.fixedVersion().isEmpty() ? "-" : m.fixedVersion())
                    + " "
                    + m.severity())
        .toList();
  }

  @Test
  void debianOciLayoutYieldsItsPackagesLayersAndVulnerabilities() throws Exception {
    Path layout = tmp.resolve("debian");
    String digest = TestImages.ociLayout(layout, "12", Fixtures.debian());
    ImageInventory inv = reader(Platform.DEFAULT).read("oci:" + layout);

    assertThat(inv.digest()).isEqualTo(digest);
    assertThat(inv.os().id()).isEqualTo("debian");
    assertThat(inv.os().versionId()).isEqualTo("12");
    assertThat(packages(inv)).containsExactlyElementsOf(Fixtures.DEBIAN_PACKAGES);
    assertThat(inv.layers()).hasSize(2);
    Package libssl =
        inv.packages().stream().filter(p -> p.name().equals("libssl3")).findFirst().orElseThrow();
    assertThat(libssl.layer()).isEqualTo(inv.layers().get(0));
    assertThat(libssl.source()).isEqualTo("openssl");
    assertThat(libssl.purl())
        .isEqualTo(
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl");
    Package log4j =
        inv.packages().stream()
            .filter(p -> p.name().endsWith("log4j-core"))
            .findFirst()
            .orElseThrow();
    assertThat(log4j.layer()).isEqualTo(inv.layers().get(1));
    assertThat(log4j.purl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assertThat(
            inv.packages().stream()
                .filter(p -> p.name().equals("@types/node"))
                .findFirst()
                .orElseThrow()
                .purl())
        .isEqualTo("pkg:npm/%40types/node@20.1.0");

    OsvDatabase db = OsvDatabase.load(Fixtures.osv(tmp.resolve("osv")));
    assertThat(db.problems()).singleElement().asString().contains("broken.json");
    List<VulnerabilityMatch> matches = new VulnerabilityMatcher(db).match(inv.packages());
    assertThat(vulns(matches)).containsExactlyInAnyOrderElementsOf(Fixtures.DEBIAN_VULNS);
    VulnerabilityMatch openssl =
        matches.stream().filter(m -> m.id().equals("DSA-0001-1")).findFirst().orElseThrow();
    assertThat(openssl.binaries()).containsExactly("libssl3", "openssl");
    assertThat(openssl.aliases()).containsExactly("CVE-2024-0001");
  }

  @Test
  void dockerArchiveReadsTheSameImage() throws Exception {
    Path tar = tmp.resolve("debian.tar");
    TestImages.dockerArchive(tar, "debian:12", Fixtures.debian());
    ImageInventory inv = reader(Platform.DEFAULT).read("docker-archive:" + tar);
    assertThat(packages(inv)).containsExactlyElementsOf(Fixtures.DEBIAN_PACKAGES);
    assertThat(inv.digest()).startsWith("sha256:");
    assertThat(inv.layers()).hasSize(2);
  }

  @Test
  void zstdLayersReadAsTheGzipOnesDo() throws Exception {
    Path layout = tmp.resolve("debian-zstd");
    String digest = TestImages.ociLayoutZstd(layout, "12", Fixtures.debian());
    assertThat(
            java.nio.file.Files.readString(
                layout.resolve("blobs/sha256/" + digest.substring(7)), UTF_8))
        .contains("application/vnd.oci.image.layer.v1.tar+zstd");
    ImageInventory inv = reader(Platform.DEFAULT).read("oci:" + layout);
    assertThat(inv.digest()).isEqualTo(digest);
    assertThat(packages(inv)).containsExactlyElementsOf(Fixtures.DEBIAN_PACKAGES);
    assertThat(inv.layers()).hasSize(2);
  }

  @Test
  void alpineUsesTheExactBranchEcosystemAndTheOrigin() throws Exception {
    Path layout = tmp.resolve("alpine");
    TestImages.ociLayout(layout, "3.20", Fixtures.alpine());
    ImageInventory inv = reader(Platform.DEFAULT).read("oci:" + layout + ":3.20");
    assertThat(inv.os().versionId()).isEqualTo("3.20.3");
    assertThat(packages(inv))
        .containsExactly(
            "Alpine:v3.20 busybox 1.36.1-r28",
            "Alpine:v3.20 libcrypto3 3.3.2-r0",
            "Alpine:v3.20 libssl3 3.3.2-r0");
    List<VulnerabilityMatch> matches =
        new VulnerabilityMatcher(OsvDatabase.load(Fixtures.osv(tmp.resolve("osv"))))
            .match(inv.packages());
    assertThat(vulns(matches)).containsExactlyInAnyOrderElementsOf(Fixtures.ALPINE_VULNS);
    assertThat(
            matches.stream()
                .filter(m -> m.pkg().equals("openssl"))
                .findFirst()
                .orElseThrow()
                .binaries())
        .containsExactly("libcrypto3", "libssl3");
  }

  @Test
  void aMultiPlatformIndexIsResolvedForThePlatformAsked() throws Exception {
    Path layout = tmp.resolve("multi");
    TestImages.multiPlatform(
        layout,
        "latest",
        Map.of(
            "amd64", Fixtures.alpine(),
            "arm64",
                List.of(new TestLayer().file("etc/os-release", "ID=debian\nVERSION_ID=12\n"))));
    assertThat(reader(Platform.DEFAULT).read("oci:" + layout).os().id()).isEqualTo("alpine");
    assertThat(reader(Platform.parse("linux/arm64")).read("oci:" + layout).os().id())
        .isEqualTo("debian");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> reader(Platform.parse("linux/s390x")).read("oci:" + layout)))
        .hasMessageContaining("no manifest for platform linux/s390x");
  }

  @Test
  void distrolessStatusDirectoryEntriesAreInstalledWithoutAStatusField() throws Exception {
    Path layout = tmp.resolve("distroless");
    TestImages.ociLayout(
        layout,
        "x",
        List.of(
            new TestLayer()
                .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                .file(
                    "var/lib/dpkg/status.d/libc6",
                    "Package: libc6\nVersion: 2.36-9+deb12u7\nSource: glibc\n")
                .file("var/lib/dpkg/status.d/libc6.md5sums", "Package: nope\nVersion: 1\n")));
    ImageInventory inv = reader(Platform.DEFAULT).read("oci:" + layout);
    assertThat(packages(inv)).containsExactly("Debian:12 libc6 2.36-9+deb12u7");
    assertThat(inv.packages().get(0).source()).isEqualTo("glibc");
  }
}
