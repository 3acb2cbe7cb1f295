package dev.kordon.cluster;

import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * Builds one immutable string node per distinct short value (image names, label values, verbs,
 * "Running"): a cluster's objects repeat the same values thousands of times. Bounded, so that
 * unique values (names, uids) cannot grow it without limit.
 */
final class SharedStrings extends JsonNodeFactory {
  private static final long serialVersionUID = 1L;
  private static final int MAX_LENGTH = 96;
  private static final int MAX_ENTRIES = 100_000;

  private final transient ConcurrentHashMap<String, StringNode> nodes = new ConcurrentHashMap<>();

  @Override
  public StringNode stringNode(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return super.stringNode(text);
    }
    StringNode known = nodes.get(text);
    if (known != null) {
      return known;
    }
    StringNode made = super.stringNode(text);
    if (nodes.size() < MAX_ENTRIES) {
      StringNode raced = nodes.putIfAbsent(text, made);
      return raced != null ? raced : made;
    }
    return made;
  }
}
