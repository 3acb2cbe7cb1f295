package dev.kordon.control.cluster;

import dev.kordon.source.YamlTrees;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The upstream support table and skew policy, read from {@code kubernetes/releases.yaml}.
 *
 * @param endOfLife minor number (the 33 of 1.33) → last day of its patch series
 */
public record KubernetesReleases(
    Map<Integer, LocalDate> endOfLife, int kubeletMaxOlder, int kubeletMaxOlderBefore128) {

  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?.*");

  public KubernetesReleases {
    endOfLife = Map.copyOf(endOfLife);
  }

  /** The table shipped with Kordon. */
  public static KubernetesReleases builtIn() {
    JsonNode root = YamlTrees.resource(KubernetesReleases.class, "/kubernetes/releases.yaml");
    Map<Integer, LocalDate> eol = new TreeMap<>();
    for (JsonNode r : root.path("releases")) {
      Minor m =
          parse(r.path("minor").asString(""))
              .orElseThrow(() -> new IllegalStateException("bad minor in releases.yaml: " + r));
      eol.put(m.minor(), LocalDate.parse(r.path("endOfLife").asString("")));
    }
    JsonNode skew = root.path("skew");
    return new KubernetesReleases(
        eol,
        skew.path("kubeletMaxOlderMinors").asInt(3),
        skew.path("kubeletMaxOlderMinorsBefore128").asInt(2));
  }

  /** A Kubernetes 1.x minor version. */
  public record Minor(int major, int minor) {
    @Override
    public String toString() {
      return major + "." + minor;
    }
  }

  /** Reads {@code v1.29.3-eks-1a2b}, {@code 1.29} or the {@code /version} fields joined. */
  public static Optional<Minor> parse(String version) {
    Matcher m = VERSION.matcher(version.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Minor(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
  }

  /** The end of support of a minor, or empty when it is newer than the table. */
  public Optional<LocalDate> endOfLife(Minor v) {
    if (v.major() != 1) {
      return Optional.empty();
    }
    LocalDate d = endOfLife.get(v.minor());
    if (d != null) {
      return Optional.of(d);
    }
    int oldest = endOfLife.keySet().stream().min(Integer::compare).orElse(0);
    return v.minor() < oldest ? Optional.of(LocalDate.MIN) : Optional.empty();
  }

  /** How many minors a kubelet may lag behind this API server. */
  public int kubeletMaxOlder(Minor server) {
    return server.minor() >= 28 ? kubeletMaxOlder : kubeletMaxOlderBefore128;
  }
}
