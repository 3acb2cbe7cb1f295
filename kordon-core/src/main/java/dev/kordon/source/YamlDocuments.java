package dev.kordon.source;

import dev.kordon.model.PositionIndex;
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

  /** All documents read, and a syntax error that stopped reading, if any. */
  record Result(List<Document> documents, Optional<Problem> syntaxError) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ReaderLimits limits;
  private final SharedStrings strings = new SharedStrings(1 << 16);

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
    Iterator<Event> events = new Parse(settings).parseString(text).iterator();
    DocumentBuilder current = null;
    try {
      while (events.hasNext()) {
        Event event = events.next();
        switch (event.getEventId()) {
          case DocumentStart:
            current = new DocumentBuilder(documents.size(), line(event));
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
      return new Result(documents, Optional.empty());
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
      // Never the snippet: the offending line may hold a Secret's value.
      String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      return new Result(
          documents, Optional.of(new Problem(line, "invalid YAML: " + problem, true)));
    } catch (YamlEngineException e) {
      String msg = e.getMessage() == null ? "invalid YAML" : e.getMessage();
      if (msg.contains("code point limit")) {
        msg = "file is larger than " + limits.maxFileBytes() + " characters";
      }
      return new Result(documents, Optional.of(new Problem(0, "invalid YAML: " + msg, true)));
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

    DocumentBuilder(int index, int startLine) {
      this.index = index;
      this.startLine = startLine;
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
        throw new InputRejected(
            line(event), "nesting deeper than " + limits.maxDepth() + " levels; refused");
      }
      Frame parent = stack.peek();
      if (parent != null && parent.isMap() && parent.pendingKey == null) {
        throw new InputRejected(line(event), "mapping keys must be scalars");
      }
      count(1, event);
      boolean isMap = event.getEventId() == Event.ID.MappingStart;
      ContainerNode<?> node = isMap ? NODES.objectNode() : NODES.arrayNode();
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
        value = ScalarTypes.plain(event.getValue());
      } else {
        value = NODES.stringNode(event.getValue());
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
