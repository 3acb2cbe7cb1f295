package dev.kordon.admission.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.image.source.ImageRef;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImagePatternTest {

  record Case(String name, String pattern, String image, boolean matches) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "star within a segment",
            "registry.example.com/team/*",
            "registry.example.com/team/app:1",
            true),
        new Case(
            "star does not cross /",
            "registry.example.com/team/*",
            "registry.example.com/team/sub/app:1",
            false),
        new Case(
            "double star crosses /",
            "registry.example.com/team/**",
            "registry.example.com/team/sub/app:1",
            true),
        new Case(
            "double star segment may be empty",
            "registry.example.com/**/app",
            "registry.example.com/app",
            true),
        new Case("other registry", "registry.example.com/team/*", "ghcr.io/team/app", false),
        new Case(
            "prefix is not a match",
            "registry.example.com/team/app",
            "registry.example.com/team/app2",
            false),
        new Case(
            "digest pinned image",
            "registry.example.com/team/*",
            "registry.example.com/team/app@sha256:" + "a".repeat(64),
            true),
        new Case("docker hub short name", "nginx", "nginx:1.27", true),
        new Case("docker hub full name", "docker.io/library/nginx", "nginx", true),
        new Case(
            "docker hub alias", "index.docker.io/library/nginx", "docker.io/library/nginx:1", true),
        new Case("docker hub organisation", "acme/*", "docker.io/acme/web:2", true),
        new Case("registry wildcard", "*/team/app", "ghcr.io/team/app:1", true),
        new Case("registry with port", "localhost:5000/*", "localhost:5000/app:1", true),
        new Case("question mark is one character", "ghcr.io/acme/app?", "ghcr.io/acme/app1", true),
        new Case("question mark does not cross /", "ghcr.io/acme?app", "ghcr.io/acme/app", false),
        new Case("every image", "**", "quay.io/a/b/c:1", true),
        new Case(
            "case of the registry",
            "Registry.Example.com/team/*",
            "registry.example.COM/team/app",
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matches(Case c) {
    assertThat(ImagePattern.parse(c.pattern()).matches(ImageRef.parse(c.image())))
        .as(c.pattern() + " vs " + c.image())
        .isEqualTo(c.matches());
  }

  record Bad(String pattern, String message) {
    @Override
    public String toString() {
      return "'" + pattern + "'";
    }
  }

  static Stream<Bad> bad() {
    return Stream.of(
        new Bad("ghcr.io/acme/app:v1", "drop the tag"),
        new Bad("nginx:latest", "drop the tag"),
        new Bad("ghcr.io/acme/app@sha256:" + "a".repeat(64), "drop the digest"),
        new Bad("*", "use ** for every image"),
        new Bad("ghcr.io//app", "empty path segment"),
        new Bad("ghcr.io/a/***", "not ***"),
        new Bad("ghcr.io/a/[ab]", "wildcards * ** ?"),
        new Bad(" ", "empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void rejects(Bad b) {
    assertThatThrownBy(() -> ImagePattern.parse(b.pattern()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(b.message());
  }
}
