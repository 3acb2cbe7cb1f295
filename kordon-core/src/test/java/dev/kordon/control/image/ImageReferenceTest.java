package dev.kordon.control.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceTest {

  private static final String SHA =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  static Stream<Arguments> parsed() {
    return Stream.of(
        Arguments.of("nginx", "docker.io", "library/nginx", "", ""),
        Arguments.of("nginx:1.27", "docker.io", "library/nginx", "1.27", ""),
        Arguments.of("bitnami/redis:7", "docker.io", "bitnami/redis", "7", ""),
        Arguments.of("docker.io/nginx", "docker.io", "library/nginx", "", ""),
        Arguments.of("index.docker.io/nginx:1", "docker.io", "library/nginx", "1", ""),
        Arguments.of("localhost/app", "localhost", "app", "", ""),
        Arguments.of("localhost:5000/app:2", "localhost:5000", "app", "2", ""),
        Arguments.of("registry.local:5000/team/app", "registry.local:5000", "team/app", "", ""),
        Arguments.of("Registry/app", "registry", "app", "", ""),
        Arguments.of("ghcr.io/a/b/c:v1@" + SHA, "ghcr.io", "a/b/c", "v1", SHA),
        Arguments.of("busybox@" + SHA, "docker.io", "library/busybox", "", SHA),
        Arguments.of("[::1]:5000/app", "[::1]:5000", "app", "", ""),
        Arguments.of("team/app", "docker.io", "team/app", "", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsed")
  void parsesLikeTheRuntime(String image, String registry, String repo, String tag, String digest) {
    assertThat(ImageReference.parse(image))
        .contains(new ImageReference(registry, repo, tag, digest));
  }

  static Stream<String> rejected() {
    return Stream.of(
        "",
        " nginx",
        "nginx ",
        "{{ .Values.image }}",
        "${IMAGE}",
        "nginx:",
        "nginx@sha256:short",
        "Team/App",
        "docker.io/Library/nginx",
        "nginx:bad tag",
        "a//b",
        "ghcr.io/");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("rejected")
  void rejectsWhatTheApiServerWouldNotRun(String image) {
    assertThat(ImageReference.parse(image)).isEmpty();
  }

  private static final String HEX64 =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  static Stream<Arguments> digests() {
    return Stream.of(
        Arguments.of("sha256:" + HEX64, true),
        Arguments.of("sha384:" + HEX64 + HEX64.substring(0, 32), true),
        Arguments.of("sha512:" + HEX64 + HEX64, true),
        Arguments.of("sha256:" + HEX64.toUpperCase(java.util.Locale.ROOT), false),
        Arguments.of("sha256:" + HEX64.substring(1), false),
        Arguments.of("sha256:" + HEX64 + "0", false),
        Arguments.of("sha256:" + HEX64.substring(0, 32), false),
        Arguments.of("sha512:" + HEX64, false),
        Arguments.of("sha256:" + HEX64.substring(1) + "g", false),
        Arguments.of("md5:" + HEX64.substring(0, 32), false),
        Arguments.of("blake3:" + HEX64, false),
        Arguments.of(HEX64, false));
  }

  @ParameterizedTest(name = "{0} pinned={1}")
  @MethodSource("digests")
  void aDigestPinsOnlyWithItsAlgorithmsExactEncoding(String digest, boolean pinned) {
    Optional<ImageReference> ref = ImageReference.parse("ghcr.io/acme/app@" + digest);
    assertThat(ref.map(ImageReference::hasDigest))
        .isEqualTo(pinned ? Optional.of(true) : Optional.empty());
    assertThat(ImageReference.defect("ghcr.io/acme/app@" + digest).isPresent()).isEqualTo(!pinned);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("rejected")
  void everyRejectedReferenceHasADefectAndEveryParsedOneNone(String image) {
    assertThat(ImageReference.defect(image)).isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsed")
  void parsedReferencesHaveNoDefect(
      String image, String registry, String repo, String tag, String digest) {
    assertThat(ImageReference.defect(image)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void defectsSayWhatIsWrongAndQuoteAtMostAShortPart() {
    assertThat(ImageReference.defect("nginx@sha256:" + HEX64.toUpperCase(java.util.Locale.ROOT)))
        .hasValueSatisfying(d -> assertThat(d).contains("exactly 64 lower-case hex digits"));
    assertThat(ImageReference.defect("Team/App"))
        .hasValueSatisfying(d -> assertThat(d).contains("\"App\""));
    String huge = "a".repeat(300) + ":1";
    assertThat(ImageReference.defect(huge))
        .hasValueSatisfying(d -> assertThat(d).contains("longer than 255").doesNotContain("aaaa"));
    assertThat(ImageReference.defect("nginx:" + "x".repeat(200)))
        .hasValueSatisfying(d -> assertThat(d.length()).isLessThan(200));
  }

  static Stream<Arguments> floating() {
    return Stream.of(
        Arguments.of("nginx", true),
        Arguments.of("nginx:latest", true),
        Arguments.of("nginx:Latest", false),
        Arguments.of("nginx:1.27", false),
        Arguments.of("nginx:latest@" + SHA, false),
        Arguments.of("nginx@" + SHA, false),
        Arguments.of("localhost:5000/app", true));
  }

  @ParameterizedTest(name = "{0} floating={1}")
  @MethodSource("floating")
  void floatingMeansLatestWithoutDigest(String image, boolean expected) {
    assertThat(ImageReference.parse(image).map(ImageReference::floating)).contains(expected);
  }

  static Stream<Arguments> allowlist() {
    return Stream.of(
        Arguments.of("nginx", "docker.io", true),
        Arguments.of("nginx", "index.docker.io", true),
        Arguments.of("nginx", "docker.io/library", true),
        Arguments.of("nginx", "docker.io/bitnami", false),
        Arguments.of("bitnami/redis", "docker.io/bitnami", true),
        Arguments.of("bitnami/redis", "docker.io/bitnam", false),
        Arguments.of("bitnami/redis", "https://Docker.io/bitnami/", true),
        Arguments.of("ghcr.io/acme/app:1", "ghcr.io", true),
        Arguments.of("ghcr.io/acme/app:1", "ghcr.io/acme", true),
        Arguments.of("ghcr.io/acme/app:1", "ghcr.io/acme/app", true),
        Arguments.of("ghcr.io/acmeevil/app:1", "ghcr.io/acme", false),
        Arguments.of("ghcr.io.evil.example/acme/app", "ghcr.io", false),
        Arguments.of("registry.local:5000/app", "registry.local", false),
        Arguments.of("registry.local:5000/app", "registry.local:5000", true),
        Arguments.of("localhost/app", "docker.io", false),
        Arguments.of("nginx", "", false),
        Arguments.of("nginx", "/", false));
  }

  @ParameterizedTest(name = "{0} allowed by \"{1}\": {2}")
  @MethodSource("allowlist")
  void allowlistMatchesHostOrPathPrefixOnComponentBoundaries(
      String image, String entry, boolean expected) {
    Optional<ImageReference> ref = ImageReference.parse(image);
    assertThat(ref).isPresent();
    assertThat(ref.get().allowedBy(entry)).isEqualTo(expected);
  }
}
