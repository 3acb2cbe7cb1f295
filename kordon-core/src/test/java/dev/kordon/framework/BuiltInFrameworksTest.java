package dev.kordon.framework;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.source.YamlTrees;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BuiltInFrameworksTest {

  /**
   * A section is written as a flow mapping ({@code {id: "5.1.8", title: ...}}), where an unquoted
   * comma ends the title and turns the rest into a key of its own: the title would be cut short
   * without any error.
   */
  @Test
  void everySectionIsAnIdAndAWholeTitle() {
    for (String id : Framework.BUILT_IN) {
      JsonNode root = YamlTrees.resource(Framework.class, "/frameworks/" + id + ".yaml");
      assertThat(root.path("version").asString("")).as("%s has a version", id).isNotBlank();
      for (JsonNode s : root.path("sections")) {
        List<String> fields = new ArrayList<>(s.propertyNames());
        assertThat(fields).as("%s section %s", id, s).containsExactly("id", "title");
        assertThat(s.path("title").asString("")).as("%s section %s", id, s).isNotBlank();
      }
    }
  }
}
