package dev.kordon.rules;

import dev.kordon.source.YamlTrees.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A node of a rule or policy document with the path that leads to it, so that every error says
 * where: {@code rules.yaml: spec.validations[1].expression: is required}.
 */
record SpecNode(String file, String path, JsonNode node) {

  SpecNode child(String key) {
    return new SpecNode(file, path.isEmpty() ? key : path + "." + key, node.path(key));
  }

  boolean present() {
    return !node.isMissingNode() && !node.isNull();
  }

  ConfigException error(String message) {
    return new ConfigException(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
  }

  /** A string field, or the default when absent. */
  String text(String key, String dflt) {
    SpecNode c = child(key);
    if (!c.present()) {
      return dflt;
    }
    if (!c.node.isString()) {
      throw c.error("must be a string");
    }
    return c.node.stringValue();
  }

  String required(String key) {
    String v = text(key, null);
    if (v == null || v.isBlank()) {
      throw child(key).error("is required");
    }
    return v;
  }

  /** The items of a list field; absent is empty. */
  List<SpecNode> items(String key) {
    SpecNode c = child(key);
    if (!c.present()) {
      return List.of();
    }
    if (!c.node.isArray()) {
      throw c.error("must be a list");
    }
    List<SpecNode> out = new ArrayList<>();
    int i = 0;
    for (JsonNode n : c.node.values()) {
      out.add(new SpecNode(file, c.path + "[" + i++ + "]", n));
    }
    return out;
  }

  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    for (SpecNode n : items(key)) {
      if (!n.node.isString()) {
        throw n.error("must be a string");
      }
      out.add(n.node.stringValue());
    }
    return out;
  }

  /** Rejects fields this version does not know, as {@code kubectl --validate=strict} does. */
  SpecNode only(Set<String> known) {
    if (!node.isObject()) {
      throw error("must be a mapping");
    }
    for (String k : node.propertyNames()) {
      if (!known.contains(k)) {
        throw child(k).error("unknown field");
      }
    }
    return this;
  }
}
