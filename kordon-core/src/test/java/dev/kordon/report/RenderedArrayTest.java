package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Elements rendered in chunks on several threads give the bytes of the same elements written one by
 * one, wherever the array sits in the document (the pretty printer's indentation depends on the
 * depth) and however the elements fall into chunks.
 */
class RenderedArrayTest {

  /** An element of each shape the report writes: object, nested object and array, text, null. */
  private static void element(Integer i, JsonGenerator gen) {
    if (i % 5 == 4) {
      gen.writeString("text " + i + " \"quoted\", with a comma\n");
      return;
    }
    if (i % 7 == 6) {
      gen.writeNull();
      return;
    }
    gen.writeStartObject();
    gen.writeName("id");
    gen.writeNumber(i);
    gen.writeName("inner");
    gen.writeStartObject();
    gen.writeName("name");
    gen.writeString("n" + i);
    gen.writeEndObject();
    gen.writeName("list");
    gen.writeStartArray();
    for (int k = 0; k < i % 3; k++) {
      gen.writeString("v" + k);
    }
    gen.writeEndArray();
    gen.writeEndObject();
  }

  private static List<Integer> items(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  /** The document with the array at three depths, the array written as {@code array}. */
  private static String document(JsonNode array) throws IOException {
    ObjectNode root = JsonOutput.object();
    root.put("before", 1);
    root.set("top", array);
    ArrayNode outer = root.putArray("outer");
    outer.add("x");
    outer.addObject().set("deep", array);
    outer.addArray().add(array);
    root.put("after", 2);
    StringWriter out = new StringWriter();
    JsonOutput.write(root, out);
    return out.toString();
  }

  private static String oneByOne(List<Integer> items) throws IOException {
    return document(JsonOutput.writtenArray(items, RenderedArrayTest::element));
  }

  private static String rendered(List<Integer> items, int chunk, int window) throws IOException {
    return document(
        JsonOutput.NODES.pojoNode(
            new RenderedArray<>(
                items, () -> RenderedArrayTest::element, JsonOutput.mapper(), chunk, window)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 7, 9, 10, 100})
  void sameBytesAsWrittenOneByOne(int n) throws IOException {
    String expected = oneByOne(items(n));
    assertThat(rendered(items(n), 3, 2)).isEqualTo(expected);
    assertThat(rendered(items(n), 1, 1)).isEqualTo(expected);
    assertThat(rendered(items(n), 4, 8)).isEqualTo(expected);
  }

  @Test
  void theArrayAloneAtTheRoot() throws IOException {
    List<Integer> items = items(50);
    StringWriter expected = new StringWriter();
    JsonOutput.write(JsonOutput.writtenArray(items, RenderedArrayTest::element), expected);
    StringWriter actual = new StringWriter();
    JsonOutput.write(
        JsonOutput.NODES.pojoNode(
            new RenderedArray<>(
                items, () -> RenderedArrayTest::element, JsonOutput.mapper(), 4, 3)),
        actual);
    assertThat(actual.toString()).isEqualTo(expected.toString());
  }

  @Test
  void eachThreadGetsItsOwnElementWriter() throws IOException {
    // a writer that is not thread-safe: it fails if two threads ever share one
    Set<Thread> owners = ConcurrentHashMap.newKeySet();
    List<JsonOutput.ElementWriter<Integer>> made = new ArrayList<>();
    String actual =
        rendered(
            items(2_000),
            () -> {
              Thread[] owner = {Thread.currentThread()};
              JsonOutput.ElementWriter<Integer> w =
                  (i, gen) -> {
                    assertThat(Thread.currentThread()).isSameAs(owner[0]);
                    owners.add(owner[0]);
                    element(i, gen);
                  };
              synchronized (made) {
                made.add(w);
              }
              return w;
            },
            8,
            16);
    assertThat(actual).isEqualTo(oneByOne(items(2_000)));
    assertThat(made).hasSizeLessThanOrEqualTo(owners.size() * 3); // one per thread and position
  }

  private static String rendered(
      List<Integer> items,
      java.util.function.Supplier<JsonOutput.ElementWriter<Integer>> writers,
      int chunk,
      int window)
      throws IOException {
    return document(
        JsonOutput.NODES.pojoNode(
            new RenderedArray<>(items, writers, JsonOutput.mapper(), chunk, window)));
  }

  @Test
  void rejectsEmptyChunks() {
    assertThatThrownBy(
            () ->
                new RenderedArray<>(
                    items(1), () -> RenderedArrayTest::element, JsonOutput.mapper(), 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
