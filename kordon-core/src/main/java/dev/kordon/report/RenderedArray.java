package dev.kordon.report;

import dev.kordon.report.JsonOutput.ElementWriter;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * An array whose elements are rendered to text in chunks on several threads, then written in order,
 * one raw value per chunk, so that the bytes are those the elements written one by one to the
 * generator give. A report's findings are most of its text, and writing them on one thread while
 * the other cores idle was a tenth of a scan's CPU (issue #18).
 *
 * <p>Each chunk is rendered by a generator of the same mapper, inside containers that repeat the
 * array's own (objects and arrays, root down), so that the pretty printer indents and separates its
 * elements as it does in place; only what it wrote before the chunk's first element is left out,
 * and the generator of the report writes that again (or the separator after the chunk before) when
 * given the chunk as a raw value. At most {@code window} chunks are held as text at once, so a
 * report of a million findings never is.
 */
final class RenderedArray<T> extends JacksonSerializable.Base {

  private final List<T> items;
  private final Supplier<ElementWriter<T>> writers;
  private final JsonMapper mapper;
  private final int chunk;
  private final int window;

  RenderedArray(
      List<T> items, Supplier<ElementWriter<T>> writers, JsonMapper mapper, int chunk, int window) {
    if (chunk < 1 || window < 1) {
      throw new IllegalArgumentException("chunk and window must be positive");
    }
    this.items = items;
    this.writers = writers;
    this.mapper = mapper;
    this.chunk = chunk;
    this.window = window;
  }

  @Override
  public void serialize(JsonGenerator gen, SerializationContext ctxt) {
    int n = items.size();
    int chunks = (n + chunk - 1) / chunk;
    gen.writeStartArray(items, n);
    if (chunks < 2) {
      ElementWriter<T> writer = writers.get();
      for (T item : items) {
        writer.write(item, gen);
      }
    } else {
      Deque<TokenStreamContext> containers = containers(gen.streamWriteContext());
      // one element writer per thread: a writer may cache what it has quoted
      ThreadLocal<ElementWriter<T>> perThread = ThreadLocal.withInitial(writers);
      // the text of chunks written out, for the next ones to fill
      Queue<TextWriter> spare = new ConcurrentLinkedQueue<>();
      for (int from = 0; from < chunks; from += window) {
        List<Chunk> rendered =
            IntStream.range(from, Math.min(chunks, from + window))
                .parallel()
                .mapToObj(c -> render(c, containers, perThread.get(), spare))
                .toList();
        for (Chunk c : rendered) {
          c.writeTo(gen);
          spare.add(c.text());
        }
      }
    }
    gen.writeEndArray();
  }

  @Override
  public void serializeWithType(
      JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
    serialize(gen, ctxt);
  }

  /** The containers from the outermost down to the array itself (the root left out). */
  private static Deque<TokenStreamContext> containers(TokenStreamContext array) {
    Deque<TokenStreamContext> out = new ArrayDeque<>();
    for (TokenStreamContext c = array; c != null && !c.inRoot(); c = c.getParent()) {
      out.addFirst(c);
    }
    return out;
  }

  private Chunk render(
      int index,
      Deque<TokenStreamContext> containers,
      ElementWriter<T> writer,
      Queue<TextWriter> spare) {
    int from = index * chunk;
    int to = Math.min(items.size(), from + chunk);
    TextWriter out = spare.poll();
    if (out == null) {
      out = new TextWriter();
    }
    out.length = 0;
    int start;
    int end;
    try (JsonGenerator g = mapper.createGenerator(out)) {
      for (TokenStreamContext c : containers) {
        if (c.inArray()) {
          g.writeStartArray();
        } else {
          g.writeStartObject();
          g.writeName("_");
        }
      }
      g.flush();
      start = out.length;
      for (int i = from; i < to; i++) {
        writer.write(items.get(i), g);
      }
      g.flush();
      end = out.length; // closing the generator closes the containers
    }
    return new Chunk(out, start, end);
  }

  /**
   * A chunk's elements as text between {@code start} (the containers' opening) and {@code end},
   * with the separators between them: the same the generator of the report writes, being the same
   * pretty printer at the same depth.
   */
  private record Chunk(TextWriter text, int start, int end) {
    void writeTo(JsonGenerator gen) {
      int at = start;
      // what the pretty printer wrote before the first element: white space only
      while (at < end && isSeparator(text.chars[at])) {
        at++;
      }
      // one raw value: the generator writes the separator before it and counts one more element
      gen.writeRawValue(text.chars, at, end - at);
    }

    private static boolean isSeparator(char c) {
      return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
  }

  /** An unsynchronized writer into a growing array, reused from chunk to chunk. */
  private static final class TextWriter extends Writer {
    char[] chars = new char[1 << 16];
    int length;

    @Override
    public void write(char[] buf, int off, int len) {
      if (chars.length - length < len) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + len));
      }
      System.arraycopy(buf, off, chars, length, len);
      length += len;
    }

    @Override
    public void write(String s, int off, int len) {
      if (chars.length - length < len) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + len));
      }
      s.getChars(off, off + len, chars, length);
      length += len;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
