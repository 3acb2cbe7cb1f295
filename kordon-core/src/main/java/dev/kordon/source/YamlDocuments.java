package dev.kordon.source;

import dev.kordon.model.PositionIndex;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the documents of a YAML (or JSON) text into Jackson trees with a pointer→position index,
 * straight from the parser's event stream.
 *
 * <p>Building the tree here rather than through snakeyaml's composer keeps the work iterative (a
 * 100,000-level nesting cannot overflow the stack), lets alias expansion be counted against a
 * budget (billion laughs), and records positions in the same pass.
 */
final class YamlDocuments {

  /** One parsed document; {@code root} is null for a rejected or empty document. */
  record Document(
      int index, int line, JsonNode root, PositionIndex positions, List<Problem> problems) {}

  /** A problem at a 1-based line; {@code fatal} ones lost the document. */
  record Problem(int line, String message, boolean fatal) {}

  /**
   * All documents read, and the syntax errors met on the way: after each one reading resumed at the
   * next document marker, so one broken document does not hide the rest of its file.
   */
  record Result(List<Document> documents, List<SyntaxError> syntaxErrors) {}

  /**
   * A syntax error that lost document {@code document} (0-based); reading resumed at the 1-based
   * {@code resumeLine}, or 0 when nothing followed.
   */
  record SyntaxError(Problem problem, int document, int resumeLine) {

    /** The problem, the document skipped (1-based, as a user counts) and where reading resumed. */
    String describe() {
      if (problem.line() <= 0) {
        return problem.message();
      }
      return problem.message()
          + "; document "
          + (document + 1)
          + (resumeLine > 0 ? " skipped, reading resumed at line " + resumeLine : " skipped");
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ReaderLimits limits;
  private final SharedStrings strings = new SharedStrings(1 << 16);
  private final SharedScalars scalars = new SharedScalars(1 << 16);

  YamlDocuments(ReaderLimits limits) {
    this.limits = limits;
  }

  Result read(String text, String label) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(label)
            .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
            .build();
    List<Document> documents = new ArrayList<>();
    List<SyntaxError> errors = new ArrayList<>();
    DocumentMarkers markers = null;
    int fromLine = 0;
    int fromOffset = 0;
    int nextIndex = 0;
    while (true) {
      Chunk chunk = new Chunk(fromLine, nextIndex, documents);
      Optional<Problem> error = chunk.parse(settings, text, fromOffset);
      nextIndex = chunk.nextIndex;
      int searchFrom; // 0-based line from which the next document marker is looked for
      if (error.isPresent()) {
        Problem p = error.get();
        if (p.line() <= 0) { // not a syntax error at a place (e.g. the size cap): nothing to resume
          errors.add(new SyntaxError(p, nextIndex, 0));
          break;
        }
        searchFrom = p.line() - 1; // the broken document is skipped whole, to a marker at or after
      } else if (chunk.skippedFromLine > 0) {
        searchFrom = chunk.skippedFromLine; // a rejected document: the first marker after its line
      } else {
        break;
      }
      if (markers == null) {
        markers = new DocumentMarkers(text);
      }
      int resume = markers.nextAtOrAfter(Math.max(searchFrom, fromLine + 1));
      if (error.isPresent()) {
        errors.add(new SyntaxError(error.get(), nextIndex++, resume + 1));
      }
      if (resume < 0) {
        break;
      }
      fromLine = resume;
      fromOffset = markers.offsetOfLine(resume);
    }
    return new Result(documents, List.copyOf(errors));
  }

  /** Stops a run of the parser in a document rejected at a 1-based line (see InputRejected). */
  private static final class SkipByText extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient DocumentBuilder document;
    final int line;

    SkipByText(DocumentBuilder document, int line) {
      super(null, null, false, false);
      this.document = document;
      this.line = line;
    }
  }

  /** One run of the parser from a line of the text up to its end or to a syntax error. */
  private final class Chunk {
    private final int lineOffset;
    private final List<Document> documents;
    private int nextIndex;
    private int skippedFromLine; // 1-based; the parse stopped in a rejected document there

    Chunk(int lineOffset, int nextIndex, List<Document> documents) {
      this.lineOffset = lineOffset;
      this.nextIndex = nextIndex;
      this.documents = documents;
    }

    Optional<Problem> parse(LoadSettings settings, String text, int fromOffset) {
      DocumentBuilder current = null;
      try {
        StringReader reader = new StringReader(text);
        reader.skip(fromOffset); // no copy of the rest of the text per resumption
        Iterator<Event> events = new Parse(settings).parseReader(reader).iterator();
        while (events.hasNext()) {
          Event event = events.next();
          switch (event.getEventId()) {
            case DocumentStart:
              current = new DocumentBuilder(nextIndex++, line(event) + lineOffset, lineOffset);
              break;
            case DocumentEnd:
              if (current != null) {
                documents.add(current.finish());
              }
              current = null;
              break;
            case StreamStart:
            case StreamEnd:
            case Comment:
              break;
            default:
              if (current != null) {
                current.accept(event);
              }
          }
        }
        return Optional.empty();
      } catch (SkipByText skip) {
        documents.add(skip.document.finish());
        skippedFromLine = skip.line;
        return Optional.empty();
      } catch (MarkedYamlEngineException e) {
        if (current != null) {
          nextIndex--; // the broken document's index is given to the error
        }
        int line =
            e.getProblemMark()
                .or(e::getContextMark)
                .map(m -> m.getLine() + 1 + lineOffset)
                .orElse(0);
        // Never the snippet: the offending line may hold a Secret's value.
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        return Optional.of(new Problem(line, "invalid YAML: " + problem, true));
      } catch (YamlEngineException e) {
        String msg = e.getMessage() == null ? "invalid YAML" : e.getMessage();
        if (msg.contains("code point limit")) {
          msg = "file is larger than " + limits.maxFileBytes() + " characters";
        }
        return Optional.of(new Problem(0, "invalid YAML: " + msg, true));
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringReader does not fail
      }
    }
  }

  private static int line(Event e) {
    return e.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private static int column(Event e) {
    return e.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
  }

  /** An open mapping or sequence. */
  private static final class Frame {
    final ContainerNode<?> node;
    final int position; // the node's id in the document's position index
    final String anchor;
    String pendingKey;
    int keyLine;
    int keyColumn;
    List<JsonNode> merges;

    Frame(ContainerNode<?> node, int position, String anchor) {
      this.node = node;
      this.position = position;
      this.anchor = anchor;
    }

    boolean isMap() {
      return node instanceof ObjectNode;
    }
  }

  /** Builds one document from its events; after a rejection it only skips events. */
  private final class DocumentBuilder {
    private final int index;
    private final int startLine;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private final PositionIndex.Builder positions = PositionIndex.builder();
    private final List<Problem> problems = new ArrayList<>();
    private JsonNode root;
    private int nodes;
    private int aliases;
    private int startIndex = -1;
    private boolean rejected;
    private final int lineOffset;

    DocumentBuilder(int index, int startLine, int lineOffset) {
      this.index = index;
      this.startLine = startLine;
      this.lineOffset = lineOffset;
    }

    /** The 1-based line of an event in the whole text. */
    private int line(Event e) {
      return YamlDocuments.line(e) + lineOffset;
    }

    void accept(Event event) {
      if (rejected) {
        return;
      }
      try {
        checkSize(event);
        handle(event);
      } catch (InputRejected e) {
        rejected = true;
        root = null;
        stack.clear();
        anchors.clear();
        problems.add(new Problem(e.line(), e.getMessage(), true));
        if (e.skipsByText()) {
          throw new SkipByText(this, e.line());
        }
      }
    }

    private void checkSize(Event event) {
      Optional<Mark> mark = event.getStartMark();
      if (mark.isEmpty()) {
        return;
      }
      if (startIndex < 0) {
        startIndex = mark.get().getIndex();
      } else if (mark.get().getIndex() - startIndex > limits.maxDocumentChars()) {
        throw new InputRejected(
            startLine,
            "document is larger than " + limits.maxDocumentChars() + " characters; refused");
      }
    }

    private void handle(Event event) {
      switch (event.getEventId()) {
        case MappingStart:
        case SequenceStart:
          open(event);
          break;
        case MappingEnd:
        case SequenceEnd:
          close();
          break;
        case Scalar:
          scalar((ScalarEvent) event);
          break;
        case Alias:
          alias((AliasEvent) event);
          break;
        default:
          break;
      }
    }

    private void open(Event event) {
      if (stack.size() >= limits.maxDepth()) {
        throw InputRejected.tooDeep(line(event), limits.maxDepth());
      }
      Frame parent = stack.peek();
      if (parent != null && parent.isMap() && parent.pendingKey == null) {
        throw new InputRejected(line(event), "mapping keys must be scalars");
      }
      count(1, event);
      boolean isMap = event.getEventId() == Event.ID.MappingStart;
      // a mapping's properties in a compact map (see there): most of a tree's memory otherwise
      ContainerNode<?> node =
          isMap ? new ObjectNode(NODES, new SmallMap<JsonNode>()) : NODES.arrayNode();
      String anchor = ((NodeEvent) event).getAnchor().map(a -> a.getValue()).orElse(null);
      int position = attach(node, event);
      if (anchor != null) {
        anchors.remove(anchor); // an anchor still open cannot be aliased (recursion)
      }
      stack.push(new Frame(node, position, anchor));
    }

    private void close() {
      Frame done = stack.pop();
      if (done.merges != null) {
        ObjectNode target = (ObjectNode) done.node;
        for (JsonNode source : done.merges) {
          for (Map.Entry<String, JsonNode> e : source.properties()) {
            if (!target.has(e.getKey())) {
              target.set(e.getKey(), e.getValue());
            }
          }
        }
      }
      if (done.anchor != null) {
        anchors.put(done.anchor, done.node);
      }
    }

    private void scalar(ScalarEvent event) {
      Frame parent = stack.peek();
      if (parent != null && parent.isMap() && parent.pendingKey == null) {
        parent.pendingKey = strings.intern(event.getValue());
        parent.keyLine = line(event);
        parent.keyColumn = column(event);
        return;
      }
      count(1, event);
      JsonNode value;
      Optional<String> tag = event.getTag();
      if (tag.isPresent() && !tag.get().equals("!")) {
        value = ScalarTypes.tagged(tag.get(), event.getValue());
      } else if (event.isPlain()) {
        value = scalars.plain(event.getValue());
      } else {
        value = scalars.quoted(event.getValue());
      }
      attach(value, event);
      event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), value));
    }

    private void alias(AliasEvent event) {
      String name = event.getAlias().getValue();
      JsonNode target = anchors.get(name);
      if (target == null) {
        throw new InputRejected(line(event), "alias *" + name + " refers to no complete anchor");
      }
      if (++aliases > limits.maxAliases()) {
        throw new InputRejected(
            line(event), "more than " + limits.maxAliases() + " aliases in one document; refused");
      }
      Frame parent = stack.peek();
      if (parent != null && parent.isMap() && parent.pendingKey == null) {
        if (!target.isValueNode()) {
          throw new InputRejected(line(event), "mapping keys must be scalars");
        }
        parent.pendingKey = strings.intern(target.asString());
        parent.keyLine = line(event);
        parent.keyColumn = column(event);
        return;
      }
      count(size(target), event);
      attach(target.deepCopy(), event);
    }

    /** Places a finished or opening node under the current frame; returns its position's id. */
    private int attach(JsonNode node, Event event) {
      Frame parent = stack.peek();
      if (parent == null) {
        if (root != null) {
          throw new InputRejected(line(event), "more than one root node in a document");
        }
        root = node;
        positions.putRoot(line(event), column(event));
        return positions.root();
      }
      if (parent.isMap()) {
        String key = parent.pendingKey;
        parent.pendingKey = null;
        if (key.equals("<<") && (node.isObject() || node.isArray())) {
          if (parent.merges == null) {
            parent.merges = new ArrayList<>();
          }
          if (node.isObject()) {
            parent.merges.add(node);
          } else {
            node.values().forEach(parent.merges::add);
          }
          return positions.node(parent.position, "<<");
        }
        ObjectNode map = (ObjectNode) parent.node;
        if (map.has(key)) {
          problems.add(
              new Problem(
                  parent.keyLine,
                  "duplicate key \"" + key + "\": only the last one counts, as kubectl reads it",
                  false));
        }
        map.set(key, node);
        return positions.put(parent.position, key, parent.keyLine, parent.keyColumn);
      }
      ArrayNode list = (ArrayNode) parent.node;
      String index = strings.index(list.size());
      list.add(node);
      return positions.put(parent.position, index, line(event), column(event));
    }

    private void count(int n, Event event) {
      nodes += n;
      if (nodes > limits.maxNodes()) {
        throw new InputRejected(
            line(event),
            "document expands to more than " + limits.maxNodes() + " nodes (alias bomb?); refused");
      }
    }

    private int size(JsonNode node) {
      int n = 1;
      Deque<JsonNode> todo = new ArrayDeque<>();
      todo.push(node);
      while (!todo.isEmpty()) {
        JsonNode next = todo.pop();
        for (JsonNode child : next.values()) {
          n++;
          if (n > limits.maxNodes()) {
            return n;
          }
          if (child.isContainer()) {
            todo.push(child);
          }
        }
      }
      return n;
    }

    Document finish() {
      return new Document(
          index, startLine, rejected ? null : root, positions.build(), List.copyOf(problems));
    }
  }
}
