package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The report's pretty printer writes the bytes of Jackson's default with the same indentation. */
class JsonOutputTest {

  private static final JsonMapper JACKSON_DEFAULT =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .defaultPrettyPrinter(
              new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")))
          .build();

  /** Objects nested deeper than the printer's prebuilt lines, with arrays and empty containers. */
  private static ObjectNode tree() {
    ObjectNode root = JsonOutput.object();
    root.put("schemaVersion", "1");
    root.putObject("empty");
    root.putArray("none");
    ObjectNode at = root;
    for (int depth = 0; depth < 40; depth++) {
      at.put("depth", depth);
      at.putNull("nothing");
      ArrayNode list = at.putArray("list");
      list.add("a \"quoted\" text").add(depth);
      list.addObject().put("in", "array").putObject("deeper").put("x", true);
      list.addArray();
      at = at.putObject("next");
    }
    at.put("last", "leaf");
    return root;
  }

  @Test
  void writesWhatJacksonsDefaultPrinterWrites() throws Exception {
    ObjectNode tree = tree();
    StringWriter ours = new StringWriter();
    JsonOutput.write(tree, ours);
    String jackson = JACKSON_DEFAULT.writeValueAsString(tree) + "\n";
    assertThat(ours.toString()).isEqualTo(jackson).contains("\n  \"empty\" : { },\n");
  }
}
