package dev.kordon.audit;

import dev.kordon.model.ScanError;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the events of one {@link LogInput}, file after file: JSON lines as the log backend writes
 * them, or a JSON document (an {@code EventList}, an array, a pretty-printed event). Lines that are
 * not events are counted, and reported as one note per file with the first line number; a last line
 * without its newline (a log being written) is not an error.
 */
public final class LogReader implements Closeable {

  /** What the reader reports about its inputs, as it goes. */
  public interface Problems {
    void add(ScanError problem);
  }

  private final LogInput input;
  private final LogLimits limits;
  private final JsonMapper mapper;
  // inside a document, a value is followed by more of the document: not trailing garbage
  private final tools.jackson.databind.ObjectReader inDocument;
  private final Problems problems;
  private final boolean follow;
  private final BooleanSupplier stop;

  private int fileIndex = -1;
  private String fileName = "";
  private InputStream stream;
  private LineSource lines;
  private Document document;
  private long bad;
  private long firstBad;
  private String firstWhy = "";
  private long events;

  public LogReader(LogInput input, LogLimits limits, Problems problems) {
    this(input, limits, problems, false, () -> true);
  }

  /**
   * A reader that, with {@code follow}, waits at the end of the last file for more lines (and
   * reopens it when rotated) until {@code stop} says so.
   */
  public LogReader(
      LogInput input, LogLimits limits, Problems problems, boolean follow, BooleanSupplier stop) {
    this.input = input;
    this.limits = limits;
    this.problems = problems;
    this.follow = follow;
    this.stop = stop;
    this.mapper = mapper(limits);
    this.inDocument =
        mapper
            .readerFor(JsonNode.class)
            .without(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  static JsonMapper mapper(LogLimits limits) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxNesting())
                    .maxStringLength(limits.maxLineBytes())
                    .maxNumberLength(1000)
                    .build())
            .build();
    return JsonMapper.builder(factory).build();
  }

  /** How many events were read so far. */
  public long events() {
    return events;
  }

  /** The next event, or null at the end of the log. */
  public AuditEvent next() throws IOException {
    while (true) {
      if (stream == null && !openNext()) {
        return null;
      }
      AuditEvent e = document != null ? document.next() : nextLine();
      if (e != null) {
        events++;
        return e;
      }
      closeFile();
    }
  }

  private boolean openNext() throws IOException {
    fileIndex++;
    bad = 0;
    firstBad = 0;
    firstWhy = "";
    document = null;
    if (input.isStdin()) {
      if (fileIndex > 0) {
        return false;
      }
      fileName = LogInput.STDIN;
      stream = LogInput.gunzipped(System.in);
    } else {
      if (fileIndex >= input.files().size()) {
        return false;
      }
      Path p = input.files().get(fileIndex);
      fileName = displayName(p);
      boolean last = fileIndex == input.files().size() - 1;
      try {
        stream = follow && last ? new FollowingInput(p, stop) : LogInput.open(p);
      } catch (IOException e) {
        problems.add(ScanError.error(fileName, 0, "cannot read: " + reason(e)));
        stream = null;
        return openNext();
      }
    }
    lines = new LineSource(stream, limits.maxLineBytes());
    return true;
  }

  /** A reader of one stream (standard input, a test's bytes), gunzipped when it is gzip. */
  public static LogReader ofStream(InputStream in, String name, LogLimits limits, Problems problems)
      throws IOException {
    return new LogReader(LogInput.gunzipped(in), name, limits, problems);
  }

  private LogReader(InputStream in, String name, LogLimits limits, Problems problems) {
    this(new LogInput(name, List.of()), limits, problems);
    this.fileIndex = 0;
    this.fileName = name;
    this.stream = in;
    this.lines = new LineSource(in, limits.maxLineBytes());
  }

  private String displayName(Path p) {
    if (input.files().size() == 1) {
      return input.name();
    }
    Path given = Path.of(input.name());
    Path dir = given.getParent();
    return dir == null ? p.getFileName().toString() : dir.resolve(p.getFileName()).toString();
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private AuditEvent nextLine() throws IOException {
    while (true) {
      LineSource.Kind kind;
      try {
        kind = lines.next();
      } catch (IOException e) {
        problems.add(
            ScanError.error(
                fileName,
                (int) Math.min(Integer.MAX_VALUE, lines.lineNumber() + 1),
                "cannot read further: " + reason(e)));
        return null;
      }
      long lineNo = lines.lineNumber();
      if (kind == LineSource.Kind.END) {
        return null;
      }
      if (kind == LineSource.Kind.TOO_LONG) {
        bad(
            lineNo,
            "a line of "
                + lines.skippedBytes()
                + " bytes, over the limit of "
                + limits.maxLineBytes());
        continue;
      }
      byte[] b = lines.bytes();
      int len = lines.length();
      int start = 0;
      while (start < len && (b[start] == ' ' || b[start] == '\t' || b[start] == '\r')) {
        start++;
      }
      if (start == len) {
        continue;
      }
      JsonNode node;
      try {
        node = mapper.readTree(b, start, len - start);
      } catch (JacksonException e) {
        if (lineNo == 1 && (b[start] == '{' || b[start] == '[')) {
          // not a complete value on the first line: a pretty-printed document
          document = new Document(lineBytes(b, start, len), lines.rest());
          return document.next();
        }
        if (!lines.terminated()) {
          problems.add(
              ScanError.note(
                  fileName,
                  (int) lineNo,
                  "the last line is incomplete (a log being written?): ignored"));
          return null;
        }
        bad(lineNo, firstLine(e.getOriginalMessage()));
        continue;
      }
      if (lineNo == 1 && isList(node)) {
        document = new Document(node);
        return document.next();
      }
      EventParser.Parsed p = EventParser.parse(node, fileName, lineNo);
      if (p instanceof EventParser.Event ev) {
        return ev.event();
      }
      bad(lineNo, ((EventParser.NotEvent) p).why());
    }
  }

  private static byte[] lineBytes(byte[] b, int start, int len) {
    byte[] out = new byte[len - start + 1];
    System.arraycopy(b, start, out, 0, len - start);
    out[out.length - 1] = '\n';
    return out;
  }

  private static boolean isList(JsonNode node) {
    return node.isArray()
        || node.isObject()
            && (node.path("kind").asString("").equals("EventList") || node.path("items").isArray());
  }

  private void bad(long line, String why) {
    if (bad++ == 0) {
      firstBad = line;
      firstWhy = why;
    }
  }

  private void closeFile() throws IOException {
    if (bad > 0) {
      problems.add(
          ScanError.note(
              fileName,
              (int) Math.min(Integer.MAX_VALUE, firstBad),
              bad
                  + (bad == 1 ? " line is" : " lines are")
                  + " not audit events and were skipped (first: "
                  + firstWhy
                  + ")"));
    }
    if (stream != null && !input.isStdin()) {
      stream.close();
    }
    stream = null;
    lines = null;
    document = null;
  }

  @Override
  public void close() throws IOException {
    if (stream != null && !input.isStdin()) {
      stream.close();
    }
    stream = null;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "not JSON";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return "not JSON: " + (line.length() > 160 ? line.substring(0, 160) + "..." : line);
  }

  /**
   * A JSON document of events: an EventList (its {@code items}), an array, or one event spread over
   * lines; several may follow each other. Items are parsed one at a time.
   */
  private final class Document {
    private final JsonParser parser;
    private final java.util.ArrayDeque<AuditEvent> ready = new java.util.ArrayDeque<>();
    private int depthState; // 0 outside, 1 in root object, 2 in an items array
    private boolean rootArray;
    private ObjectNode holder;
    private boolean sawItems;
    private long rootLine;

    /** A document whose first line is {@code first} and whose rest is {@code rest}. */
    Document(byte[] first, InputStream rest) {
      this.parser =
          mapper.createParser(
              new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(first), rest));
    }

    /** A one-line document already parsed. */
    Document(JsonNode node) {
      this.parser = null;
      JsonNode items = node.isArray() ? node : node.path("items");
      long i = 0;
      for (JsonNode item : items) {
        i++;
        EventParser.Parsed p = EventParser.parse(item, fileName, 1);
        if (p instanceof EventParser.Event ev) {
          ready.add(ev.event());
        } else {
          bad(1, "item " + i + ": " + ((EventParser.NotEvent) p).why());
        }
      }
    }

    AuditEvent next() {
      if (parser == null) {
        return ready.poll();
      }
      try {
        return read();
      } catch (JacksonException e) {
        long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        problems.add(
            ScanError.note(
                fileName,
                (int) Math.max(1, line),
                "the rest of the document is unreadable: " + firstLine(e.getOriginalMessage())));
        return null;
      }
    }

    private AuditEvent read() {
      while (true) {
        if (depthState == 2) {
          JsonToken t = parser.nextToken();
          if (t == null) {
            return null;
          }
          if (t == JsonToken.END_ARRAY) {
            depthState = rootArray ? 0 : 1;
            continue;
          }
          long line = parser.currentTokenLocation().getLineNr();
          JsonNode item = inDocument.readValue(parser);
          EventParser.Parsed p = EventParser.parse(item, fileName, line);
          if (p instanceof EventParser.Event ev) {
            return ev.event();
          }
          bad(line, ((EventParser.NotEvent) p).why());
          continue;
        }
        if (depthState == 1) {
          JsonToken t = parser.nextToken();
          if (t == null) {
            return null;
          }
          if (t == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            if (name.equals("items") && v == JsonToken.START_ARRAY) {
              sawItems = true;
              depthState = 2;
            } else {
              holder.set(name, inDocument.<JsonNode>readValue(parser));
            }
            continue;
          }
          depthState = 0;
          if (!sawItems) {
            EventParser.Parsed p = EventParser.parse(holder, fileName, rootLine);
            if (p instanceof EventParser.Event ev) {
              return ev.event();
            }
            bad(rootLine, ((EventParser.NotEvent) p).why());
          }
          continue;
        }
        JsonToken t = parser.nextToken();
        if (t == null) {
          return null;
        }
        rootLine = parser.currentTokenLocation().getLineNr();
        if (t == JsonToken.START_OBJECT) {
          depthState = 1;
          holder = mapper.createObjectNode();
          sawItems = false;
        } else if (t == JsonToken.START_ARRAY) {
          depthState = 2;
          rootArray = true;
        } else {
          bad(rootLine, "not a JSON object");
        }
      }
    }
  }
}
