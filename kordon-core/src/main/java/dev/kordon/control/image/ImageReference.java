package dev.kordon.control.image;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * @param digest {@code sha256:} and 64 lower-case hex digits (or sha384, sha512 with theirs), or
 *     empty when the reference is not pinned
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  /** Docker Hub, as the runtime names it after normalisation. */
  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:]+\\])"
              + "(?::[0-9]+)?");

  /**
   * The digest algorithms the runtime verifies (opencontainers/go-digest), each with the exact
   * length of its lower-case hex encoding; a digest of any other algorithm or shape fails to pull.
   */
  private static final Map<String, Integer> DIGEST_HEX_LENGTHS =
      Map.of("sha256", 64, "sha384", 96, "sha512", 128);

  /** distribution/reference's limit on {@code registry/repository}. */
  private static final int MAX_NAME = 255;

  /** What parsing gave: a reference, or why the text is none. */
  private record Attempt(Optional<ImageReference> reference, String defect) {
    static Attempt defect(String why) {
      return new Attempt(Optional.empty(), why);
    }
  }

  /** Parses a reference; empty when it is not one (blank, a template, a malformed name). */
  public static Optional<ImageReference> parse(String image) {
    return attempt(image).reference();
  }

  /**
   * Why the runtime could not pull this image reference, in words that quote at most a short part
   * of it; empty when it parses. The API server stores any image string, so a malformed one is only
   * found when a node fails to pull it.
   */
  public static Optional<String> defect(String image) {
    Attempt a = attempt(image);
    return a.reference().isPresent() ? Optional.empty() : Optional.of(a.defect());
  }

  // Parses by the text: a workload's images are read by six image controls, and a webhook sees the
  // same few hundred images again and again. Bounded (hostile input cannot grow it), then cleared.
  private static final int REMEMBERED = 4096;
  private static final ConcurrentHashMap<String, Attempt> PARSED = new ConcurrentHashMap<>();

  private static Attempt attempt(String image) {
    Attempt known = PARSED.get(image);
    if (known != null) {
      return known;
    }
    Attempt a = parseAttempt(image);
    if (PARSED.size() >= REMEMBERED) {
      PARSED.clear();
    }
    PARSED.put(image, a);
    return a;
  }

  private static Attempt parseAttempt(String image) {
    if (image.isBlank()) {
      return Attempt.defect("is empty");
    }
    if (!image.strip().equals(image)) {
      return Attempt.defect("has leading or trailing white space");
    }
    if (image.length() > 2 * MAX_NAME) {
      return Attempt.defect("is longer than " + 2 * MAX_NAME + " characters");
    }
    if (image.contains("://")) {
      return Attempt.defect("has a URL scheme; a reference starts with the registry host");
    }
    String rest = image;
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      Optional<String> bad = digestDefect(digest);
      if (bad.isPresent()) {
        return Attempt.defect(bad.get());
      }
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        return Attempt.defect(
            "has tag \""
                + shorten(tag)
                + "\", which is not a tag (letters, digits, '_', '.' and '-', at most 128,"
                + " not starting with '.' or '-')");
      }
    }
    if (rest.isEmpty()) {
      return Attempt.defect("has no repository name");
    }
    if (rest.length() > MAX_NAME) {
      return Attempt.defect("has a name longer than " + MAX_NAME + " characters");
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
          return Attempt.defect("has registry \"" + shorten(first) + "\", which is no host name");
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
        return Attempt.defect(
            "has repository path component \""
                + shorten(component)
                + "\"; components are lower-case letters and digits, separated by '.', '_',"
                + " '__' or '-'");
      }
    }
    return new Attempt(Optional.of(new ImageReference(registry, path, tag, digest)), "");
  }

  /** Why a digest is not one the runtime can verify; empty when it is. */
  private static Optional<String> digestDefect(String digest) {
    int colon = digest.indexOf(':');
    String algorithm = colon < 0 ? "" : digest.substring(0, colon);
    String hex = colon < 0 ? digest : digest.substring(colon + 1);
    if (colon < 0 || !ALGORITHM.matcher(algorithm).matches()) {
      return Optional.of(
          "has digest \"" + shorten(digest) + "\", which is not algorithm:hex (sha256:...)");
    }
    Integer length = DIGEST_HEX_LENGTHS.get(algorithm);
    if (length == null) {
      return Optional.of(
          "has a digest of algorithm \""
              + shorten(algorithm)
              + "\", which the runtime does not verify (sha256, sha384, sha512)");
    }
    if (hex.length() != length || !isLowerHex(hex)) {
      return Optional.of(
          "has digest \""
              + shorten(digest)
              + "\", which is not "
              + algorithm
              + ": followed by exactly "
              + length
              + " lower-case hex digits");
    }
    return Optional.empty();
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** At most 80 characters of a piece of the input, for a message. */
  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
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
