package dev.kordon.framework;

import dev.kordon.control.ControlInfo;
import dev.kordon.source.YamlTrees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A compliance framework as data: which control references belong to it. A control belongs to a
 * framework when one of its references starts with one of the framework's prefixes, e.g. {@code
 * cis:} or {@code pss:baseline/}. Sections give the titles of the referenced items.
 */
public record Framework(
    String id, String name, String version, List<String> refPrefixes, List<Section> sections) {

  /** One numbered item of the framework (a CIS recommendation, a MITRE technique). */
  public record Section(String id, String title) {}

  /** The ids of the bundled frameworks, in report order. */
  public static final List<String> BUILT_IN =
      List.of("cis", "nsa", "pss-baseline", "pss-restricted", "mitre");

  public Framework {
    refPrefixes = List.copyOf(refPrefixes);
    sections = List.copyOf(sections);
  }

  public boolean includes(ControlInfo control) {
    for (String ref : control.allRefs()) {
      for (String prefix : refPrefixes) {
        if (ref.startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The frameworks a user named, in the order named and each once; every id of {@code all} when
   * none is named.
   *
   * @throws IllegalArgumentException naming the first unknown id and listing the known ones
   */
  public static List<Framework> select(List<Framework> all, List<String> ids) {
    if (ids.isEmpty()) {
      return List.copyOf(all);
    }
    List<Framework> out = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      Framework found =
          all.stream()
              .filter(f -> f.id().equals(id))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown framework '"
                              + id
                              + "' (known: "
                              + String.join(", ", all.stream().map(Framework::id).toList())
                              + ")"));
      out.add(found);
    }
    return List.copyOf(out);
  }

  /** Loads every bundled framework. */
  public static List<Framework> builtIn() {
    List<Framework> out = new ArrayList<>();
    for (String id : BUILT_IN) {
      out.add(fromYaml(YamlTrees.resource(Framework.class, "/frameworks/" + id + ".yaml")));
    }
    return List.copyOf(out);
  }

  static Framework fromYaml(JsonNode root) {
    List<String> prefixes = new ArrayList<>();
    for (JsonNode p : root.path("refPrefixes")) {
      prefixes.add(p.asString());
    }
    List<Section> sections = new ArrayList<>();
    for (JsonNode s : root.path("sections")) {
      sections.add(new Section(s.path("id").asString(), s.path("title").asString()));
    }
    return new Framework(
        root.path("id").asString(),
        root.path("name").asString(),
        root.path("version").asString(""),
        prefixes,
        sections);
  }
}
