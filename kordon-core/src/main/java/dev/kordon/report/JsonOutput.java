package dev.kordon.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;
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
          .defaultPrettyPrinter(new ReportPrettyPrinter())
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

  /**
   * An array node whose elements are built one at a time while the report is written, so that a
   * report of half a million findings never holds half a million small trees at once. The bytes
   * written are those of the equivalent {@code ArrayNode}: the same generator and pretty printer
   * format both.
   */
  public static <T> JsonNode streamedArray(List<T> items, Function<T, JsonNode> element) {
    return NODES.pojoNode(new StreamedArray<>(items, element));
  }

  /** Writes one element of a streamed array straight to the generator. */
  @FunctionalInterface
  public interface ElementWriter<T> {
    void write(T item, JsonGenerator gen);
  }

  /**
   * An array node whose elements are written straight to the generator while the report is written:
   * no tree per element at all. The writer must call the generator as serializing the element's
   * tree would (same fields, same order), so that the bytes are those of {@link #streamedArray}.
   */
  public static <T> JsonNode writtenArray(List<T> items, ElementWriter<T> element) {
    return NODES.pojoNode(new StreamedArray<>(items, element));
  }

  private static final class StreamedArray<T> extends JacksonSerializable.Base {
    private final List<T> items;
    private final Function<T, JsonNode> tree;
    private final ElementWriter<T> element;

    StreamedArray(List<T> items, Function<T, JsonNode> tree) {
      this.items = items;
      this.tree = tree;
      this.element = null;
    }

    StreamedArray(List<T> items, ElementWriter<T> element) {
      this.items = items;
      this.tree = null;
      this.element = element;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializationContext ctxt) {
      gen.writeStartArray(items, items.size());
      for (T item : items) {
        if (element != null) {
          element.write(item, gen);
        } else {
          tree.apply(item).serialize(gen, ctxt);
        }
      }
      gen.writeEndArray();
    }

    @Override
    public void serializeWithType(
        JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
      serialize(gen, ctxt);
    }
  }

  public static JsonMapper mapper() {
    return MAPPER;
  }
}
