package dev.kordon.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A Kubernetes label selector: {@code matchLabels} and {@code matchExpressions} (In, NotIn, Exists,
 * DoesNotExist), all ANDed. An empty selector matches everything. Whether an absent selector means
 * "everything" or "nothing" depends on the field, so callers decide that.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> expressions) {

  public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

  /** One {@code matchExpressions} entry. */
  public record Requirement(String key, Operator operator, List<String> values) {
    public Requirement {
      values = List.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      switch (operator) {
        case IN:
          return value != null && values.contains(value);
        case NOT_IN:
          return value == null || !values.contains(value);
        case EXISTS:
          return value != null;
        case DOES_NOT_EXIST:
          return value == null;
        case INVALID:
        default:
          return false;
      }
    }
  }

  /** Selector operators; an unknown one matches nothing, as the API server would reject it. */
  public enum Operator {
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST,
    INVALID;

    static Operator parse(String s) {
      switch (s) {
        case "In":
          return IN;
        case "NotIn":
          return NOT_IN;
        case "Exists":
          return EXISTS;
        case "DoesNotExist":
          return DOES_NOT_EXIST;
        default:
          return INVALID;
      }
    }
  }

  public LabelSelector {
    // in the order written: Map.copyOf iterates in an order that changes from run to run, and
    // toString() is part of findings' messages, which must be the same in every run
    matchLabels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(matchLabels));
    expressions = List.copyOf(expressions);
  }

  /** Reads a selector object; a missing or non-object node gives the empty selector. */
  public static LabelSelector from(JsonNode node) {
    if (!node.isObject()) {
      return EVERYTHING;
    }
    Map<String, String> labels = dev.kordon.model.KubeObject.stringMap(node.path("matchLabels"));
    List<Requirement> reqs = new ArrayList<>();
    for (JsonNode e : node.path("matchExpressions")) {
      List<String> values = new ArrayList<>();
      for (JsonNode v : e.path("values")) {
        values.add(v.asString());
      }
      reqs.add(
          new Requirement(
              e.path("key").asString(""), Operator.parse(e.path("operator").asString("")), values));
    }
    return new LabelSelector(labels, reqs);
  }

  public boolean isEmpty() {
    return matchLabels.isEmpty() && expressions.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (Requirement r : expressions) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
    for (Requirement r : expressions) {
      switch (r.operator()) {
        case EXISTS:
          parts.add(r.key());
          break;
        case DOES_NOT_EXIST:
          parts.add("!" + r.key());
          break;
        case IN:
          parts.add(r.key() + " in (" + String.join(",", r.values()) + ")");
          break;
        case NOT_IN:
          parts.add(r.key() + " notin (" + String.join(",", r.values()) + ")");
          break;
        default:
          parts.add(r.key() + " <invalid operator>");
      }
    }
    return parts.isEmpty() ? "<all>" : String.join(",", parts);
  }
}
