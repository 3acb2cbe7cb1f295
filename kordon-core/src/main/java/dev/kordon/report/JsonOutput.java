package dev.kordon.report;

import java.io.IOException;
import java.io.Writer;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Shared JSON plumbing for the machine-readable writers: one mapper, LF line endings. */
public final class JsonOutput {

  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  // LF on every platform: reports are compared byte for byte and diffed in pull requests.
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .defaultPrettyPrinter(
              new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")))
          .build();

  private JsonOutput() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Streams the tree pretty-printed to the writer (never one big string), then a newline. */
  public static void write(JsonNode tree, Writer out) throws IOException {
    MAPPER.writeValue(out, tree);
    out.write('\n');
    out.flush();
  }

  public static JsonMapper mapper() {
    return MAPPER;
  }
}
