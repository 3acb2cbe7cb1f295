package dev.kordon.admission;

import dev.kordon.source.YamlTrees;
import tools.jackson.databind.JsonNode;

/** A bare object where a review is expected. */
final class YamlTreesForTest {
  private YamlTreesForTest() {}

  static JsonNode pod(String yaml) {
    return YamlTrees.parse("pod.yaml", yaml);
  }
}
