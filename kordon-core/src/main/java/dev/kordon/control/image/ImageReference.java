package dev.kordon.control.image;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference, normalised the way the container runtime does it
 * (distribution/reference): a bare name lives on {@code docker.io}, a one-component Docker Hub name
 * gets the {@code library/} prefix, the first component is a registry host only when it contains a
 * dot or a colon, is {@code localhost}, or has upper-case letters.
 *
 * @param registry host, possibly with a port: {@code docker.io}, {@code localhost:5000}
 * @param repository path inside the registry: {@code library/nginx}
 * @param tag the tag, or empty when there is none
 * @param digest {@code sha256:...}, or empty when the reference is not pinned
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  /** Docker Hub, as the runtime names it after normalisation. */
  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:]+\\])"
              + "(?::[0-9]+)?");

  /** Parses a reference; empty when it is not one (blank, a template, a malformed name). */
  public static Optional<ImageReference> parse(String image) {
    if (image.isEmpty() || image.length() > 512 || !image.strip().equals(image)) {
      return Optional.empty();
    }
    String rest = image;
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        return Optional.empty();
      }
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        return Optional.empty();
      }
    }
    String registry = DOCKER_HUB;
    String path = rest;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".")
          || first.contains(":")
          || first.equals("localhost")
          || !first.toLowerCase(Locale.ROOT).equals(first)) {
        if (!HOST.matcher(first).matches()) {
          return Optional.empty();
        }
        registry = first.toLowerCase(Locale.ROOT);
        path = rest.substring(slash + 1);
      }
    }
    if (registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
      path = "library/" + path;
    }
    for (String component : path.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        return Optional.empty();
      }
    }
    return Optional.of(new ImageReference(registry, path, tag, digest));
  }

  public boolean hasTag() {
    return !tag.isEmpty();
  }

  public boolean hasDigest() {
    return !digest.isEmpty();
  }

  /**
   * Whether the runtime resolves this reference to whatever {@code latest} points at today: no
   * digest, and no tag or the tag {@code latest}.
   */
  public boolean floating() {
    return !hasDigest() && (!hasTag() || tag.equals("latest"));
  }

  /** {@code registry/repository}, the name an allowlist prefix is compared with. */
  public String name() {
    return registry + "/" + repository;
  }

  /**
   * Whether an allowlist entry covers this image: a host ({@code ghcr.io}, {@code
   * registry.local:5000}) matches the registry exactly; a host with a path ({@code
   * docker.io/bitnami}) matches that repository and everything below it, on component boundaries.
   * Entries are compared case-insensitively, a scheme and trailing slashes are ignored, and {@code
   * index.docker.io} means {@code docker.io}.
   */
  public boolean allowedBy(String entry) {
    String e = entry.strip().toLowerCase(Locale.ROOT);
    if (e.startsWith("https://")) {
      e = e.substring("https://".length());
    } else if (e.startsWith("http://")) {
      e = e.substring("http://".length());
    }
    while (e.endsWith("/")) {
      e = e.substring(0, e.length() - 1);
    }
    if (e.isEmpty()) {
      return false;
    }
    if (e.equals("index.docker.io") || e.startsWith("index.docker.io/")) {
      e = DOCKER_HUB + e.substring("index.docker.io".length());
    }
    if (e.indexOf('/') < 0) {
      return registry.equals(e);
    }
    String full = name();
    return full.equals(e) || full.startsWith(e + "/");
  }

  @Override
  public String toString() {
    return name() + (hasTag() ? ":" + tag : "") + (hasDigest() ? "@" + digest : "");
  }
}
