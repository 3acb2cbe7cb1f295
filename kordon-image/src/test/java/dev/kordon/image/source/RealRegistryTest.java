package dev.kordon.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.image.ImageReader;
import dev.kordon.image.inventory.ImageInventory;
import dev.kordon.image.layer.ImageLimits;
import dev.kordon.image.sign.CosignVerifier;
import dev.kordon.image.sign.SignatureResult;
import dev.kordon.image.testing.Cosign;
import dev.kordon.image.testing.Fixtures;
import dev.kordon.image.testing.Registry;
import dev.kordon.image.testing.TestImages;
import dev.kordon.image.testing.TestLayer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls over the OCI distribution API from a real registry started on localhost. */
class RealRegistryTest {

  @TempDir static Path tmp;

  static Registry registry;
  static KeyPair key;
  static String debianDigest;
  static String multiDigest;

  @BeforeAll
  static void fill() throws Exception {
    registry = Registry.start(tmp.resolve("registry"));
    key = Cosign.keyPair();
    Path debian = tmp.resolve("debian");
    debianDigest =
        Cosign.signedLayout(debian, "12", Fixtures.debian(), key, registry.host() + "/shop/debian");
    registry.push(debian, "12", "shop/debian:12");
    registry.push(
        debian,
        debianDigest.replace(':', '-') + ".sig",
        "shop/debian:" + debianDigest.replace(':', '-') + ".sig");
    Path multi = tmp.resolve("multi");
    multiDigest =
        TestImages.multiPlatform(
            multi,
            "latest",
            Map.of(
                "amd64", Fixtures.alpine(),
                "arm64",
                    List.of(new TestLayer().file("etc/os-release", "ID=debian\nVERSION_ID=12\n"))));
    registry.push(multi, "latest", "shop/multi:latest");
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  static ImageReader reader(Platform p) {
    return new ImageReader(DockerConfig.NONE, p, false, ImageLimits.DEFAULT);
  }

  @Test
  void aTagIsPulledLayerByLayerWithItsDigest() throws Exception {
    ImageInventory inv = reader(Platform.DEFAULT).read(registry.host() + "/shop/debian:12");
    assertThat(inv.digest()).isEqualTo(debianDigest);
    assertThat(inv.packages())
        .extracting(p -> p.ecosystem() + " " + p.name() + " " + p.version())
        .containsExactlyElementsOf(Fixtures.DEBIAN_PACKAGES);
    // by digest too
    assertThat(
            reader(Platform.DEFAULT)
                .read(registry.host() + "/shop/debian@" + debianDigest)
                .os()
                .versionId())
        .isEqualTo("12");
  }

  @Test
  void aMultiPlatformTagIsResolvedForThePlatform() throws Exception {
    assertThat(reader(Platform.DEFAULT).read(registry.host() + "/shop/multi:latest").os().id())
        .isEqualTo("alpine");
    assertThat(
            reader(Platform.parse("linux/arm64"))
                .read(registry.host() + "/shop/multi:latest")
                .os()
                .id())
        .isEqualTo("debian");
  }

  @Test
  void theCosignSignatureTagIsFetchedAndVerified() throws Exception {
    SignatureResult r =
        reader(Platform.DEFAULT)
            .verify(registry.host() + "/shop/debian:12", new CosignVerifier(key.getPublic()));
    assertThat(r.verified()).as(r.reason()).isTrue();
    assertThat(r.digest()).isEqualTo(debianDigest);
    SignatureResult unsigned =
        reader(Platform.DEFAULT)
            .verify(registry.host() + "/shop/multi:latest", new CosignVerifier(key.getPublic()));
    assertThat(unsigned.verified()).isFalse();
    assertThat(unsigned.digest()).isEqualTo(multiDigest);
  }

  @Test
  void anUnknownTagIsAClearError() {
    assertThatThrownBy(() -> reader(Platform.DEFAULT).read(registry.host() + "/shop/debian:nope"))
        .hasMessageContaining("shop/debian:nope")
        .hasMessageContaining("manifest unknown");
  }
}
