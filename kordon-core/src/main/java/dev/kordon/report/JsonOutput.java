package dev.kordon.report;

import java.io.IOException;
import java.io.Writer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Shared JSON plumbing for the machine-readable writers: one mapper, LF line endings. */
public final class JsonOutput {

  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JsonOutput() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Writes the tree pretty-printed, followed by a newline. */
  public static void write(JsonNode tree, Writer out) throws IOException {
    out.write(MAPPER.writeValueAsString(tree).replace("\r\n", "\n"));
    out.write('\n');
    out.flush();
  }

  public static JsonMapper mapper() {
    return MAPPER;
  }
}
