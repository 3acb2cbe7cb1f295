package dev.kordon.image.source;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A registry reference: {@code registry/repository:tag} or {@code ...@sha256:...}, with Docker's
 * defaults (Docker Hub, {@code library/}, {@code latest}).
 *
 * @param registry host[:port] as written ({@code docker.io} for Docker Hub)
 * @param tag empty when only a digest is given
 * @param digest empty when only a tag is given
 */
public record ImageRef(String registry, String repository, String tag, String digest) {

  private static final Pattern REPO =
      Pattern.compile(
          "[a-z0-9]+(?:[._-]+[a-z0-9]+|__)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  public static ImageRef parse(String ref) {
    String rest = ref.strip();
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException("not a sha256 digest: " + digest);
      }
    }
    String registry = "docker.io";
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > 0) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("not a tag: " + tag);
      }
    }
    if (registry.equals("docker.io") && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (!REPO.matcher(rest).matches()) {
      throw new IllegalArgumentException("not a repository name: " + rest);
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = "latest";
    }
    return new ImageRef(registry, rest, tag, digest);
  }

  /** The host the API lives on ({@code registry-1.docker.io} for Docker Hub). */
  public String apiHost() {
    return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
  }

  /** Whether plain HTTP is allowed without asking: the loopback registries of tests and laptops. */
  public boolean loopback() {
    String host = registry.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
  }

  /** What a manifest request names: the digest when pinned, else the tag. */
  public String reference() {
    return digest.isEmpty() ? tag : digest;
  }

  public ImageRef withTag(String newTag) {
    return new ImageRef(registry, repository, newTag, "");
  }

  @Override
  public String toString() {
    return registry
        + "/"
        + repository
        + (tag.isEmpty() ? "" : ":" + tag)
        + (digest.isEmpty() ? "" : "@" + digest);
  }
}
