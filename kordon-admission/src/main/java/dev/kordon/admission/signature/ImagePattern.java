package dev.kordon.admission.signature;

import dev.kordon.image.source.ImageRef;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A glob over image names ({@code registry/repository}, without tag or digest): {@code *} and
 * {@code ?} stay within one path segment, {@code **} crosses them. Names are compared in Docker's
 * normal form, so {@code nginx} means {@code docker.io/library/nginx} on both sides.
 *
 * @param text the pattern as written in the policy
 * @param normal the pattern in normal form, as it is matched
 */
public record ImagePattern(String text, String normal, Pattern regex) {

  private static final Pattern ALLOWED = Pattern.compile("[a-z0-9._\\-/:*?\\[\\]]+");

  /**
   * Parses a pattern.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static ImagePattern parse(String text) {
    String p = text.strip().toLowerCase(Locale.ROOT);
    if (p.isEmpty()) {
      throw new IllegalArgumentException("empty image pattern");
    }
    if (p.contains("@")) {
      throw new IllegalArgumentException(
          "'" + text + "': patterns name repositories; drop the digest");
    }
    if (!ALLOWED.matcher(p).matches() || p.contains("[") || p.contains("]")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': only registry and repository characters and the wildcards * ** ? are allowed");
    }
    if (p.startsWith("/") || p.endsWith("/") || p.contains("//")) {
      throw new IllegalArgumentException("'" + text + "': empty path segment");
    }
    if (p.contains("***")) {
      throw new IllegalArgumentException("'" + text + "': use * or **, not ***");
    }
    String[] segments = p.split("/", -1);
    String last = segments[segments.length - 1];
    if (last.contains(":") && (segments.length > 1 || !last.matches("[^:]+:\\d+"))) {
      throw new IllegalArgumentException(
          "'" + text + "': patterns name repositories; drop the tag");
    }
    String normal = normalise(p, segments);
    if (!normal.contains("/")) {
      throw new IllegalArgumentException(
          "'" + text + "' matches no image name (registry/repository); use ** for every image");
    }
    return new ImagePattern(text, normal, Pattern.compile(regex(normal)));
  }

  private static String normalise(String p, String[] segments) {
    String first = segments[0];
    if (p.equals("**")) {
      return "**/**";
    }
    if (isRegistry(first) || first.equals("*") || first.equals("**")) {
      String registry = dockerHub(first) ? "docker.io" : first;
      return registry + p.substring(first.length());
    }
    // a Docker Hub name without registry, as Kubernetes reads an image field
    return segments.length == 1 ? "docker.io/library/" + p : "docker.io/" + p;
  }

  private static boolean isRegistry(String segment) {
    return segment.contains(".") || segment.contains(":") || segment.equals("localhost");
  }

  private static boolean dockerHub(String registry) {
    return registry.equals("index.docker.io") || registry.equals("registry-1.docker.io");
  }

  private static String regex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        // "a/**/b" also matches "a/b"
        if (i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
          sb.append("(?:.*/)?");
          i += 2;
        } else {
          sb.append(".*");
          i++;
        }
      } else if (c == '*') {
        sb.append("[^/]*");
      } else if (c == '?') {
        sb.append("[^/]");
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  /** The name an image is matched by: {@code registry/repository} in normal form. */
  public static String name(ImageRef ref) {
    String registry = ref.registry().toLowerCase(Locale.ROOT);
    return (dockerHub(registry) ? "docker.io" : registry) + "/" + ref.repository();
  }

  public boolean matches(ImageRef ref) {
    return regex.matcher(name(ref)).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
